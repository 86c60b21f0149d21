import { expect, type Locator, type Page } from '@playwright/test';

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

  /** Opens the page with an optional fragment and waits until it is idle. */
  async open(fragment = ''): Promise<void> {
    await this.page.goto(fragment ? `/#${fragment.replace(/^#/, '')}` : '/');
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

  fragment(): Promise<string> {
    return this.page.evaluate(() => location.hash);
  }
}
