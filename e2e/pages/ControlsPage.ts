import type { Locator, Page } from '@playwright/test';
import type { FixId } from '../../src/sim/index.ts';

/** Stepping, fixes, mode, parameters and manual scheduling. */
export class ControlsPage {
  readonly stepBack: Locator;
  readonly stepForward: Locator;
  readonly play: Locator;
  readonly pause: Locator;
  readonly jumpToFault: Locator;
  readonly restart: Locator;
  readonly scrubber: Locator;
  readonly position: Locator;
  readonly decisions: Locator;
  readonly undo: Locator;
  readonly helpButton: Locator;

  constructor(readonly page: Page) {
    this.stepBack = page.getByRole('button', { name: 'Step back' });
    this.stepForward = page.getByRole('button', { name: 'Step forward' });
    this.play = page.getByRole('button', { name: 'Play' });
    this.pause = page.getByRole('button', { name: 'Pause' });
    this.jumpToFault = page.getByRole('button', { name: 'Jump to fault' });
    this.restart = page.getByRole('button', { name: 'Restart' });
    this.scrubber = page.getByTestId('scrubber');
    this.position = page.getByTestId('position');
    this.decisions = page.getByTestId('decisions');
    this.undo = this.decisions.getByRole('button', { name: 'Undo' });
    this.helpButton = page.getByRole('button', { name: 'Keyboard shortcuts' });
  }

  fix(id: FixId): Locator {
    return this.page.getByTestId(`fix.${id}`);
  }

  param(key: string): Locator {
    return this.page.getByTestId(`param.${key}`);
  }

  /** The "Run <task> next" buttons at the next scheduling point. */
  choices(): Locator {
    return this.decisions.getByRole('button', { name: /^Run .* next$/ });
  }

  async cursor(): Promise<number> {
    return Number(await this.scrubber.inputValue());
  }
}
