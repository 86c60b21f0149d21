import { expect, type Locator, type Page } from '@playwright/test';
import { DEFAULT_VIEW, encodeView, type ViewState } from '../../src/sim/index.ts';
import { decodeFragment } from '../../src/sim/share/decode.ts';

/** The page as a whole: navigation, the idle signal, notices and the URL. */
export class AppPage {
  readonly root: Locator;
  readonly summary: Locator;
  readonly alerts: Locator;
  readonly scenario: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('app');
    this.summary = page.getByTestId('summary');
    this.alerts = page.getByRole('alert');
    this.scenario = page.getByTestId('scenario');
  }

  /** Opens the page with an optional fragment and waits until it is idle; `maxStates` caps its searches first (for tests that read no verdict). */
  async open(fragment = '', opts: { maxStates?: number } = {}): Promise<void> {
    await this.page.goto(fragment ? `/#${fragment.replace(/^#/, '')}` : '/');
    if (opts.maxStates !== undefined) {
      await this.page.waitForFunction(() => window.__racelanes !== undefined);
      await this.page.evaluate((n) => window.__racelanes!.store.getState().setMaxStates(n), opts.maxStates);
    }
    await this.waitIdle();
  }

  /**
   * Asks `fragment` under a state cap of `maxStates`: opens a small question first, sets the cap, then moves to the
   * fragment in place, so that every search of it runs under the cap (open's `maxStates` comes after its first search).
   */
  async askAtCap(fragment: string, maxStates: number): Promise<void> {
    await this.open('s=devres-order');
    await this.page.evaluate((n) => window.__racelanes!.store.getState().setMaxStates(n), maxStates);
    await this.page.evaluate((f) => { location.hash = f; }, `#${fragment.replace(/^#/, '')}`);
    await this.waitIdle();
  }

  /** Waits on the app's idle hook: nothing playing, no verdict in flight, two frames painted. */
  async waitIdle(): Promise<void> {
    await this.page.waitForFunction(() => window.__racelanes !== undefined);
    await this.page.evaluate(() => window.__racelanes!.whenIdle());
    await expect(this.root).toHaveAttribute('data-idle', 'true');
  }

  async snapshot() {
    return this.page.evaluate(() => window.__racelanes!.snapshot());
  }

  /** The address bar's fragment, once a cursor move's throttled write (200 ms) is flushed. */
  fragment(): Promise<string> {
    return this.page.evaluate(() => { window.__racelanes!.snapshot(); return location.hash; });
  }

  /** The canonical fragment (with `#`) the page writes for a view: the same code, run in Node. */
  linkFor(view: Partial<ViewState>): string {
    return `#${encodeView({ ...DEFAULT_VIEW, ...view })}`;
  }

  /** The view the address bar describes, decoded by the same link code the page uses. */
  async linkView(): Promise<ViewState> {
    const r = decodeFragment(await this.fragment());
    expect(r.errors, 'the address bar holds a valid link').toEqual([]);
    expect(r.form, 'the address bar holds the canonical form').toBe('canonical');
    return r.view;
  }
}
