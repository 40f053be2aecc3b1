import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS_DIR } from './paths';

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'step';
}

/**
 * Numbered screenshots of one run, in e2e/screenshots/<run>/NN-<step>.png.
 * `step` runs an action, then saves a screenshot; if the action fails, it saves one anyway
 * and names it in the error, so a failure always points at a picture.
 */
export class StepRecorder {
  private count = 0;
  readonly dir: string;

  constructor(private readonly page: Page, run: string) {
    this.dir = path.join(SCREENSHOTS_DIR, slug(run));
    fs.rmSync(this.dir, { recursive: true, force: true });
    fs.mkdirSync(this.dir, { recursive: true });
  }

  async screenshot(name: string): Promise<string> {
    this.count += 1;
    const file = path.join(this.dir, `${String(this.count).padStart(2, '0')}-${slug(name)}.png`);
    await this.page.screenshot({ path: file, timeout: 10_000 });
    return file;
  }

  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await action();
    } catch (err) {
      const shot = await this.screenshot(`${name}-FAILED`).catch(() => '(screenshot failed)');
      const error = err instanceof Error ? err : new Error(String(err));
      error.message = `step "${name}" failed; screenshot: ${shot}\n${error.message}`;
      throw error;
    }
    await this.screenshot(name);
    return result;
  }
}
