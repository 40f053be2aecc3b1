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
/** What one step did: its name, how long it took, its screenshot. */
export interface StepRecord {
  name: string;
  ms: number;
  ok: boolean;
  screenshot: string;
}

export class StepRecorder {
  private count = 0;
  readonly dir: string;
  readonly records: StepRecord[] = [];

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
    const started = Date.now();
    let result: T;
    try {
      result = await action();
    } catch (err) {
      const shot = await this.screenshot(`${name}-FAILED`).catch(() => '(screenshot failed)');
      this.records.push({ name, ms: Date.now() - started, ok: false, screenshot: shot });
      throw new StepFailure(name, shot, err);
    }
    const ms = Date.now() - started;
    const shot = await this.screenshot(name);
    this.records.push({ name, ms, ok: true, screenshot: shot });
    return result;
  }

  /**
   * For a failure outside any step (an assertion on what a step returned): saves a
   * screenshot and names it in the error, message and stack (mocha prints the stack's head).
   */
  async nameScreenshotIn(err: Error, name: string): Promise<void> {
    if (err instanceof StepFailure) return;
    const shot = await this.screenshot(`FAILED-${name}`).catch(() => '(screenshot failed)');
    const note = `screenshot: ${shot}`;
    err.message = `${err.message}\n${note}`;
    if (err.stack) {
      const frames = err.stack.indexOf('\n    at ');
      err.stack = frames < 0 ? `${err.stack}\n${note}` : `${err.stack.slice(0, frames)}\n${note}${err.stack.slice(frames)}`;
    }
  }

  /** The steps so far as a table, also written to `steps.txt` beside the screenshots. */
  summary(): string {
    const lines = this.records.map(
      (r) => `${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.ok ? 'ok    ' : 'FAILED'}  ${r.name}  (${path.basename(r.screenshot)})`,
    );
    const text = `steps of "${path.basename(this.dir)}" (time, result, step, screenshot):\n${lines.join('\n')}\n`;
    fs.writeFileSync(path.join(this.dir, 'steps.txt'), text);
    return text;
  }
}

/** A failed step: its message names the step and its screenshot, its stack is the cause's. */
export class StepFailure extends Error {
  constructor(readonly step: string, readonly screenshot: string, cause: unknown) {
    const inner = cause instanceof Error ? cause : new Error(String(cause));
    super(`step "${step}" failed; screenshot: ${screenshot}\n${inner.message}`, { cause });
    this.name = 'StepFailure';
    const frames = (inner.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
    this.stack = [`${this.name}: ${this.message}`, ...frames].join('\n');
  }
}
