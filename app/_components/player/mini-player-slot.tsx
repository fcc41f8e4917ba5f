"use client";

import dynamic from "next/dynamic";
import { usePlayerState } from "./player-provider";

// The mini-player's code (queue, shuffle, volume, media session) is fetched the first
// time a song is loaded, not with every studio page: most visits never play anything,
// and the page's script budget is tight (PERF-5). The audio starts at once either way;
// only the bar follows a moment later.
const MiniPlayer = dynamic(() => import("./mini-player").then((m) => m.MiniPlayer));

export function MiniPlayerSlot() {
  const loaded = usePlayerState((s) => s.index >= 0);
  return loaded ? <MiniPlayer /> : null;
}
