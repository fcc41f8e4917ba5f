import { expect, type Locator, type Page } from "@playwright/test";
import { catalogs, type Messages } from "../../../lib/i18n/catalog";

// The studio's mini-player: its buttons, volume, queue panel, the <audio> it drives, and
// the browser's media session (read through the handlers captured by instrumentMediaSession).

type Repeat = "off" | "all" | "one";

export interface AudioState {
  paused: boolean;
  currentTime: number;
  duration: number;
  volume: number;
  ended: number;
}

export class MiniPlayer {
  readonly bar: Locator;
  readonly title: Locator;
  readonly toggle: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly shuffle: Locator;
  readonly repeat: Locator;
  readonly volume: Locator;
  readonly queueToggle: Locator;
  readonly queue: Locator;
  readonly queueItems: Locator;
  /** The queue row's button marked as the song playing. */
  readonly queueCurrent: Locator;
  readonly audio: Locator;

  constructor(
    readonly page: Page,
    readonly t: Messages = catalogs.en,
  ) {
    this.bar = page.getByTestId("mini-player");
    this.title = page.getByTestId("mini-player-title");
    this.toggle = page.getByTestId("mini-player-toggle");
    this.next = this.bar.getByRole("button", { name: t.player.next, exact: true });
    this.previous = this.bar.getByRole("button", { name: t.player.previous, exact: true });
    this.shuffle = this.bar.getByRole("button", { name: t.player.shuffle, exact: true });
    this.repeat = this.bar.getByTestId("player-repeat").filter({ visible: true });
    this.volume = this.bar.getByRole("slider", { name: t.player.volume });
    this.queueToggle = page.getByTestId("player-queue-toggle");
    this.queue = page.getByRole("region", { name: t.player.queue.title });
    this.queueItems = this.queue.getByTestId("player-queue-item");
    this.queueCurrent = this.queue.locator("[aria-current='true']");
    this.audio = page.getByTestId("player-audio");
  }

  /**
   * Wraps navigator.mediaSession.setActionHandler before the app loads, so the test can
   * press the lock screen's buttons by calling the handlers the app registered.
   */
  static async instrumentMediaSession(page: Page) {
    await page.addInitScript(() => {
      const session = navigator.mediaSession;
      if (!session) return;
      const handlers: Record<string, ((details: object) => void) | null> = {};
      (window as unknown as { mediaHandlers: typeof handlers }).mediaHandlers = handlers;
      const original = session.setActionHandler.bind(session);
      session.setActionHandler = (action, handler) => {
        handlers[action] = handler as (details: object) => void;
        original(action, handler);
      };
    });
  }

  async mediaSessionTitle(): Promise<string | null> {
    return this.page.evaluate(() => navigator.mediaSession.metadata?.title ?? null);
  }

  async pressMediaKey(action: string) {
    await this.page.evaluate((a) => {
      const handler = (window as unknown as { mediaHandlers: Record<string, ((details: object) => void) | null> }).mediaHandlers[a];
      if (!handler) throw new Error(`no media session handler for ${a}`);
      handler({ action: a });
    }, action);
  }

  /** Counts the songs that play to their end from now on (read back in audioState). */
  async countEnds() {
    await this.audio.evaluate((el: HTMLAudioElement) => {
      const box = el as HTMLAudioElement & { ends?: number };
      box.ends = 0;
      el.addEventListener("ended", () => (box.ends = (box.ends ?? 0) + 1));
    });
  }

  async audioState(): Promise<AudioState> {
    return this.audio.evaluate((el: HTMLAudioElement & { ends?: number }) => ({
      paused: el.paused,
      currentTime: el.currentTime,
      duration: Number.isFinite(el.duration) ? el.duration : 0,
      volume: el.volume,
      ended: el.ends ?? 0,
    }));
  }

  async expectPlaying() {
    await expect.poll(async () => ((s) => !s.paused && s.currentTime > 0)(await this.audioState())).toBe(true);
  }

  async openQueue() {
    await this.queueToggle.click();
    await expect(this.queue).toBeVisible();
  }

  /** Jumps to a song from the open queue panel. */
  async playFromQueue(title: string) {
    await this.queueItems.filter({ hasText: title }).getByRole("button").first().click();
  }

  async setRepeat(mode: Repeat) {
    for (let i = 0; i < 3 && (await this.repeat.getAttribute("data-mode")) !== mode; i++) await this.repeat.click();
    await expect(this.repeat).toHaveAttribute("data-mode", mode);
  }

  /** Back to the song's start from the position slider's Home key, in either look of the slider. */
  async seekToStart() {
    await this.bar.getByRole("slider", { name: this.t.player.seek }).press("Home");
  }

  /** Moves the song close to its end with the position slider, as a person would: the plain range is set, the waveform clicked. */
  async seekNearEnd(secondsLeft = 1) {
    await expect.poll(async () => (await this.audioState()).duration).toBeGreaterThan(secondsLeft + 1);
    const { duration } = await this.audioState();
    const slider = this.bar.getByRole("slider", { name: this.t.player.seek });
    const target = duration - secondsLeft;
    if (await slider.evaluate((el) => el instanceof HTMLInputElement)) return slider.fill(String(target));
    const box = (await slider.boundingBox())!;
    await slider.click({ position: { x: box.width * (target / duration), y: box.height / 2 } });
  }
}
