// Turning a user's search box into SQL that cannot fail (SEC-12). Each
// whitespace-separated word must appear somewhere in title, lyrics, style or prompt.
// Words of three characters or more go to FTS5 (trigram tokenizer) as quoted
// phrases, so operators, quotes, `*`, `NEAR` or `:` in the input are plain text;
// shorter words (most Chinese words are two characters) cannot use a trigram index
// and are matched with LIKE instead. Every value reaches SQLite as a bound parameter.

export const MAX_SEARCH_TERMS = 8;

export interface SearchTerms {
  /** Words FTS5 can look up (≥ 3 characters). */
  indexed: string[];
  /** Every word, for the LIKE check. */
  all: string[];
}

export function parseSearchTerms(q: string | undefined): SearchTerms | null {
  if (!q) return null;
  const words = [...new Set(q.normalize("NFC").split(/\s+/u).filter(Boolean))].slice(0, MAX_SEARCH_TERMS);
  if (words.length === 0) return null;
  return { indexed: words.filter((w) => [...w].length >= 3), all: words };
}

/** `"a" "b"`: an implicit AND of phrases, with embedded quotes doubled as FTS5 requires. */
export function ftsMatchExpression(words: string[]): string {
  return words.map((w) => `"${w.replaceAll('"', '""')}"`).join(" ");
}

/** A `%word%` pattern for `LIKE … ESCAPE '\'`, with the wildcards in the word made literal. */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** One LIKE group per word; `name` is the bound parameter holding its pattern. */
export function likeClause(name: string): string {
  return `(c.title LIKE @${name} ESCAPE '\\' OR c.lyrics LIKE @${name} ESCAPE '\\' OR c.style LIKE @${name} ESCAPE '\\' OR c.prompt LIKE @${name} ESCAPE '\\')`;
}
