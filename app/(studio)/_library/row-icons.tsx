// The row icons as one sprite per list: each row then carries a short <use> instead
// of the full path data (PERF-3). Symbols leave fill and stroke to the <svg> that
// uses them, so the star can be drawn outlined or filled from the same shape.
const PATHS = {
  play: "M8 5.14v13.72a1 1 0 0 0 1.52.85l10.6-6.86a1 1 0 0 0 0-1.7L9.52 4.29A1 1 0 0 0 8 5.14Z",
  pause: "M6 5h4v14H6zM14 5h4v14h-4z",
  note: "M9 18.5a3 3 0 1 1-2-2.83V5.5l12-2.5v12.5a3 3 0 1 1-2-2.83V7.1l-8 1.67v9.73Z",
  star: "m12 3.5 2.6 5.3 5.9.86-4.25 4.14 1 5.85L12 16.9l-5.25 2.75 1-5.85L3.5 9.66l5.9-.86L12 3.5Z",
} as const;

export type RowIconName = keyof typeof PATHS;

export function RowIconSprite() {
  return (
    <svg aria-hidden="true" width="0" height="0" className="absolute">
      {(Object.keys(PATHS) as RowIconName[]).map((name) => (
        <symbol key={name} id={`row-${name}`} viewBox="0 0 24 24">
          <path d={PATHS[name]} />
        </symbol>
      ))}
    </svg>
  );
}

export function RowIcon({ name, className, outline }: { name: RowIconName; className?: string; outline?: boolean }) {
  return (
    <svg className={className} aria-hidden="true" fill={outline ? "none" : "currentColor"} stroke={outline ? "currentColor" : undefined} strokeWidth={outline ? 1.8 : undefined} strokeLinejoin="round">
      <use href={`#row-${name}`} />
    </svg>
  );
}
