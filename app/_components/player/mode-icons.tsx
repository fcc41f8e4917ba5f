// Icons of the mini-player's extra controls (shuffle, repeat, volume, queue), inline
// like icons.tsx: a few paths cost less than an icon library (PERF-5).
type IconProps = { className?: string };

const stroke = (className = "h-4 w-4") => ({
  className,
  viewBox: "0 0 24 24",
  "aria-hidden": true as const,
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round" as const,
  strokeLinejoin: "round" as const,
});

export function ShuffleIcon({ className }: IconProps) {
  return (
    <svg {...stroke(className)}>
      <path d="M16 3h5v5M4 20 21 3M21 16v5h-5M15 15l6 6M4 4l5 5" />
    </svg>
  );
}

export function RepeatIcon({ className }: IconProps) {
  return (
    <svg {...stroke(className)}>
      <path d="m17 2 4 4-4 4" />
      <path d="M3 11v-1a4 4 0 0 1 4-4h14" />
      <path d="m7 22-4-4 4-4" />
      <path d="M21 13v1a4 4 0 0 1-4 4H3" />
    </svg>
  );
}

export function VolumeIcon({ className, muted }: IconProps & { muted: boolean }) {
  return (
    <svg {...stroke(className)}>
      <path d="M11 5 6 9H2v6h4l5 4V5Z" />
      {muted ? <path d="m22 9-6 6M16 9l6 6" /> : <path d="M15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />}
    </svg>
  );
}

export function QueueIcon({ className }: IconProps) {
  return (
    <svg {...stroke(className)}>
      <path d="M3 6h13M3 12h13M3 18h8M19 14v7M15.5 17.5h7" />
    </svg>
  );
}

export function PlayNextIcon({ className }: IconProps) {
  return (
    <svg {...stroke(className)}>
      <path d="M3 6h10M3 12h7M3 18h7M15 10l6 4-6 4v-8Z" />
    </svg>
  );
}
