import { parseLyrics } from "./lyrics-sections";

/** Lyrics with their section tags as headings and every sung line on its own line. */
export function Lyrics({ text, emptyLabel }: { text: string | null; emptyLabel: string }) {
  const sections = parseLyrics(text);
  if (sections.length === 0) return <p className="text-sm muted">{emptyLabel}</p>;
  return (
    <div className="space-y-5" data-testid="lyrics">
      {sections.map((section, i) => (
        <section key={i}>
          {section.heading ? <h3 className="mb-1.5 text-xs font-semibold uppercase tracking-wider text-accent-600 dark:text-accent-100">{section.heading}</h3> : null}
          <div className="space-y-3">
            {section.stanzas.map((lines, j) => (
              <p key={j} className="leading-7">
                {lines.map((line, k) => (
                  <span key={k} className="block">
                    {line}
                  </span>
                ))}
              </p>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
