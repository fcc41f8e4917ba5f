import type { Locator, Page } from "@playwright/test";

// Moving through a page the way a keyboard user does: Tab and Shift+Tab only, never a
// click. Each step checks where the focus went, so an unreachable control fails here.

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. Returns how many it took. */
export async function tabTo(page: Page, target: Locator, { max = 40, backwards = false } = {}): Promise<number> {
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`${target} was not reached in ${max} presses of ${backwards ? "Shift+Tab" : "Tab"}`);
}

export interface FocusStop {
  element: string;
  /** The focused look differs from the look at rest in an outline or a ring. */
  visible: boolean;
}

interface Walk {
  look: (el: Element) => string;
  stops: { el: Element; shown: Element; focused: string; native: boolean }[];
}

/**
 * Tabs on from the focus (the top, on a freshly loaded page) until it leaves the page (or `max` stops), then
 * compares each stop's focused look with its look at rest: the outlines and box-shadows
 * of the element and everything inside it. A control hidden behind its label (a styled
 * radio or switch) is judged by the label, which draws its focus. A stop on a part of
 * the browser's own controls (media controls, a date field's calendar button) gets the
 * browser's ring inside their closed shadow tree, out of reach of getComputedStyle: it
 * counts as drawn.
 */
export async function walkFocus(page: Page, max = 60): Promise<FocusStop[]> {
  await page.evaluate(() => {
    const walk: Walk = {
      stops: [],
      look: (el) =>
        [el, ...el.querySelectorAll("*")]
          .map((e) => {
            const style = getComputedStyle(e);
            return `${style.outlineStyle} ${style.outlineWidth} ${style.boxShadow}`;
          })
          .join("|"),
    };
    (window as unknown as { focusWalk: Walk }).focusWalk = walk;
  });
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    const inPage = await page.evaluate(() => {
      const walk = (window as unknown as { focusWalk: Walk }).focusWalk;
      const el = document.activeElement;
      if (!el || el === document.body) return false;
      const label = el.getBoundingClientRect().width <= 1 ? el.closest("label") : null;
      const shown = label ?? el;
      const native = !el.matches(":focus") || el.matches("audio[controls], video[controls]");
      walk.stops.push({ el, shown, focused: walk.look(shown), native });
      return true;
    });
    if (!inPage) break;
  }
  return page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const walk = (window as unknown as { focusWalk: Walk }).focusWalk;
    return walk.stops.map(({ el, shown, focused, native }) => {
      const name = el.getAttribute("aria-label") || el.textContent?.trim().slice(0, 40) || el.getAttribute("name") || "";
      return { element: `${el.tagName.toLowerCase()} "${name}"`, visible: native || focused !== walk.look(shown) };
    });
  });
}
