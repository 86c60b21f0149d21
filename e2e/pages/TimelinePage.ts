import type { Locator, Page } from '@playwright/test';

/** The swim lanes: lane labels, lifetime bars, the fault marker and the playhead. */
export class TimelinePage {
  readonly root: Locator;
  readonly lanes: Locator;
  readonly taskLabels: Locator;
  readonly resourceLabels: Locator;
  readonly lifetimeBars: Locator;
  readonly freedBars: Locator;
  readonly slices: Locator;
  readonly faultMarker: Locator;
  readonly playhead: Locator;
  readonly axis: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('timeline');
    this.lanes = page.getByTestId('timeline.lanes');
    this.taskLabels = this.lanes.locator('g.label-task text.name');
    this.resourceLabels = this.lanes.locator('g.label-resource text.name');
    this.lifetimeBars = this.lanes.locator('rect.res');
    this.freedBars = this.lanes.locator('rect.res-freed');
    this.slices = this.lanes.locator('g.slice');
    this.faultMarker = page.getByTestId('timeline.fault');
    this.playhead = page.getByTestId('timeline.playhead');
    this.axis = page.getByTestId('timeline.axis');
  }

  async playheadX(): Promise<number> {
    return Number(await this.playhead.getAttribute('data-x'));
  }
}
