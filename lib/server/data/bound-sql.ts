import { sql, type SQL } from "drizzle-orm";

// Hand-written SQL fragments are written once, as text with named parameters
// (`@viewer`), because the raw library queries need text. This turns such a fragment
// into a Drizzle SQL chunk with the values bound, so Drizzle queries reuse the same
// text instead of a second definition that could drift from it.

const NAMED = /@([A-Za-z_]\w*)/;

export function boundSql(text: string, params: Record<string, string | number>): SQL {
  const parts = text.split(NAMED);
  const out = sql.empty();
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) out.append(sql.raw(part));
      return;
    }
    if (!(part in params)) throw new Error(`SQL fragment needs @${part}`);
    out.append(sql`${params[part]}`);
  });
  return out;
}
