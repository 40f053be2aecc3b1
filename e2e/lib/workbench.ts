import type { Locator, Page } from 'playwright-core';
import { waitFor } from './wait';

/** One row of the Problems panel. */
export interface Problem {
  severity: 'error' | 'warning' | 'info' | 'unknown';
  message: string;
  source: string;
  code: string;
  /** As the panel shows it, e.g. "[Ln 4, Col 1]". */
  location: string;
  file: string;
  /** Related information shown under it: "file[Ln X, Col Y]: text". */
  related: string[];
}

export interface Position {
  /** 1-based, as the editor shows it. */
  line: number;
  column: number;
}

/** The 1-based position of the `occurrence`-th `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 1): Position {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the text`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

/**
 * What a user does in the VS Code workbench, by keyboard as far as possible: keybindings
 * are stable across themes and layouts, pixel positions are not.
 */
export class Workbench {
  constructor(readonly page: Page, private readonly timeoutMs = 30_000) {}

  async waitUntilReady(timeoutMs = 90_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('[id="status.problems"]').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async quickPick(openKey: string, query: string, pick: (labels: string[]) => number): Promise<void> {
    await this.page.keyboard.press(openKey);
    const widget = this.quickInput();
    await widget.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.type(query);
    const rows = widget.locator('.monaco-list-row');
    const index = await waitFor(
      async () => {
        const labels = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
        const found = pick(labels);
        return found >= 0 ? found : undefined;
      },
      { timeoutMs: this.timeoutMs, what: `a quick-pick entry for "${query}"` },
    );
    await rows.nth(index).click();
    await widget.waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Quick Open (Ctrl+P): opens a workspace file by name and waits for its editor tab. */
  async openFile(name: string): Promise<void> {
    const base = name.split('/').pop() as string;
    await this.quickPick('Control+P', name, (labels) => labels.findIndex((l) => l.startsWith(base)));
    await this.activeTab(base).waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: this.timeoutMs });
  }

  activeTab(label: string): Locator {
    return this.page.locator(`.tab.active[aria-label^="${label.replace(/"/g, '\\"')}"]`);
  }

  /** Command Palette (F1): runs the command whose label is exactly `label` ("Category: Title"). */
  async runCommand(label: string): Promise<void> {
    await this.quickPick('F1', label, (labels) =>
      labels.findIndex((l) => l === label || l.startsWith(`${label}, `)),
    );
  }

  /** The status bar's problem counts, from `#status.problems`'s aria-label ("Errors: 2, Warnings: 1"). */
  async problemCounts(): Promise<{ errors: number; warnings: number; infos: number; label: string }> {
    const label = (await this.page.locator('[id="status.problems"]').getAttribute('aria-label')) ?? '';
    const count = (kind: string): number => Number(new RegExp(`${kind}: (\\d+)`).exec(label)?.[1] ?? 0);
    return { errors: count('Errors'), warnings: count('Warnings'), infos: count('Infos'), label };
  }

  async waitForProblemCounts(
    accept: (counts: { errors: number; warnings: number; infos: number }) => boolean,
    what: string,
    timeoutMs = 60_000,
  ): Promise<{ errors: number; warnings: number; infos: number; label: string }> {
    let last = '';
    return waitFor(
      async () => {
        const counts = await this.problemCounts();
        last = counts.label;
        return accept(counts) ? counts : undefined;
      },
      { timeoutMs, what, describe: () => last },
    );
  }

  /**
   * Opens the Problems panel and reads all its rows. The panel is a virtual list (only the
   * rows that fit are in the DOM), so it scrolls through the list, collecting rows by index.
   */
  async problems(): Promise<Problem[]> {
    await this.runCommand('Problems: Focus on Problems View');
    const list = this.page.locator('.markers-panel .monaco-list');
    await list.waitFor({ state: 'visible', timeout: this.timeoutMs });
    // From the top: an earlier read may have left the list scrolled down.
    await this.page.keyboard.press('Home');
    await waitFor(async () => ((await this.renderedPanelRows()).some((row) => row.index === 0) ? true : undefined), {
      timeoutMs: this.timeoutMs,
      what: 'the first row of the Problems panel',
    });
    const rows = new Map<number, PanelRow>();
    for (let page = 0; page < 200; page++) {
      const before = rows.size;
      const rendered = await this.renderedPanelRows();
      for (const row of rendered) rows.set(row.index, row);
      if (rendered.length === 0 || rendered.some((row) => row.last)) break;
      if (page > 0 && rows.size === before) throw new Error('the Problems panel does not scroll');
      const lastShown = Math.max(...rendered.map((row) => row.index));
      const box = await list.boundingBox();
      if (!box) throw new Error('the Problems panel has no size');
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await this.page.mouse.wheel(0, Math.max(22, box.height - 44));
      await waitFor(
        async () => ((await this.renderedPanelRows()).some((row) => row.index > lastShown) ? true : undefined),
        { timeoutMs: this.timeoutMs, what: 'the Problems panel to scroll' },
      );
    }
    return toProblems([...rows.values()].sort((a, b) => a.index - b.index));
  }

  private async renderedPanelRows(): Promise<PanelRow[]> {
    // No helper functions inside: this runs in the page, where tsx's `__name` does not exist.
    return this.page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
      els.map((row) => ({
        index: Number(row.getAttribute('data-index')),
        last: row.getAttribute('data-last-element') === 'true',
        level: row.getAttribute('aria-level') ?? '',
        icon: row.querySelector('.marker-icon')?.className ?? '',
        file: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        message: row.querySelector('.marker-message')?.textContent?.trim() ?? '',
        source: row.querySelector('.marker-source')?.textContent?.trim() ?? '',
        code: row.querySelector('.marker-code')?.textContent?.trim() ?? '',
        location: row.querySelector('.marker-line')?.textContent?.trim() ?? '',
        related: row.querySelector('.marker-description')?.textContent?.trim() ?? '',
        relatedFile: row.querySelector('.related-info-resource')?.textContent?.trim() ?? '',
      })),
    ).then((rows) => rows.filter((row) => row.level !== '')); // rows being recycled have no level
  }

  /** Go to Line/Column (Ctrl+G) in the active editor. */
  async goTo(position: Position): Promise<void> {
    await this.page.keyboard.press('Control+G');
    await this.quickInput().waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.type(`${position.line}:${position.column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeoutMs });
    const expected = `Ln ${position.line}, Col ${position.column}`;
    await waitFor(
      async () => ((await this.cursorLabel()).includes(expected) ? true : undefined),
      { timeoutMs: this.timeoutMs, what: `the cursor at ${expected}` },
    );
  }

  /** The status bar's "Ln X, Col Y". */
  async cursorLabel(): Promise<string> {
    return (await this.page.locator('[id="status.editor.selection"]').textContent())?.trim() ?? '';
  }

  /**
   * Shows the hover at `position` (Show or Focus Hover: Ctrl+K Ctrl+I) and returns its text.
   * A hover fills in part by part (problems, then each provider's answer): with `until`,
   * waits until the whole text matches it.
   */
  async hover(position: Position, until?: RegExp): Promise<string> {
    await this.goTo(position);
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    await hover.locator('.monaco-hover-content').first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    let last = '';
    const text = await waitFor(
      async () => {
        last = (await hover.innerText()).trim();
        return last && (!until || until.test(last)) ? last : undefined;
      },
      { timeoutMs: this.timeoutMs, what: `the hover to ${until ? `match ${String(until)}` : 'have content'}`, describe: () => last },
    );
    // A long hover scrolls: bring the awaited part into sight for the screenshot.
    if (until) await hover.getByText(until).last().scrollIntoViewIfNeeded({ timeout: this.timeoutMs }).catch(() => undefined);
    return text;
  }

  /** Triggers completion at `position` (Ctrl+Space) and returns the suggested labels. */
  async completions(position: Position): Promise<string[]> {
    await this.goTo(position);
    return this.completionsHere();
  }

  /** Triggers completion at the cursor (Ctrl+Space) and returns the suggested labels. */
  async completionsHere(): Promise<string[]> {
    await this.page.keyboard.press('Control+Space');
    const rows = this.suggestWidget().locator('.monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    return rows.evaluateAll((els) =>
      els.map((el) => el.querySelector('.label-name')?.textContent?.trim() ?? ''),
    );
  }

  suggestWidget(): Locator {
    return this.page.locator('.editor-widget.suggest-widget.visible');
  }

  /**
   * Waits for the save dialog: in a browser, VS Code's own dialog in the quick input, its
   * box holding the proposed path. Returns that path.
   */
  async waitForSaveDialog(fileName: string): Promise<string> {
    const input = this.quickInput().locator('input');
    await this.quickInput().waitFor({ state: 'visible', timeout: this.timeoutMs });
    return waitFor(
      async () => {
        const value = await input.inputValue();
        return value.endsWith(`/${fileName}`) ? value : undefined;
      },
      { timeoutMs: this.timeoutMs, what: `the save dialog to propose ${fileName}` },
    );
  }

  /** A notification toast whose message matches `text`, once it has faded in. */
  notification(text: RegExp): Locator {
    return this.page
      .locator('.notifications-toasts .notification-toast.notification-fade-in-done')
      .filter({ hasText: text })
      .first();
  }

  /** Opens the Quick Fix menu at `position` (Ctrl+.) and returns the titles of its actions. */
  async quickFixes(position: Position): Promise<string[]> {
    await this.goTo(position);
    await this.page.keyboard.press('Control+Period');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    return rows.evaluateAll((els) => els.map((el) => el.querySelector('.title')?.textContent?.trim() ?? ''));
  }

  /** Applies the quick fix titled `title` at `position`; fails listing the titles offered. */
  async applyQuickFix(position: Position, title: string | RegExp): Promise<string> {
    const titles = await this.quickFixes(position);
    const index = titles.findIndex((t) => (typeof title === 'string' ? t === title : title.test(t)));
    if (index < 0) throw new Error(`no quick fix ${String(title)} at ${position.line}:${position.column}; offered: ${JSON.stringify(titles)}`);
    const wanted = titles[index] as string;
    // By keyboard, as a user does: the menu blocks pointer events while it opens.
    const widget = this.page.locator('.action-widget');
    const focused = widget.locator('.monaco-list-row.action.focused .title');
    for (let moves = 0; ; moves++) {
      const current = await waitFor(async () => (await focused.textContent({ timeout: 1000 }))?.trim() || undefined, {
        timeoutMs: this.timeoutMs,
        what: 'a focused entry in the Quick Fix menu',
      });
      if (current === wanted) break;
      if (moves > titles.length) throw new Error(`could not move to the quick fix "${wanted}" in ${JSON.stringify(titles)}`);
      await this.page.keyboard.press('ArrowDown');
      await waitFor(async () => ((await focused.textContent({ timeout: 1000 }))?.trim() !== current ? true : undefined), {
        timeoutMs: this.timeoutMs,
        what: `the Quick Fix menu to move past "${current}"`,
      });
    }
    await this.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: this.timeoutMs });
    return wanted;
  }

  /** Saves the active editor (Ctrl+S) and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: this.timeoutMs });
  }

  /** Whether the active editor has unsaved changes. */
  async isDirty(): Promise<boolean> {
    return (await this.page.locator('.tab.active.dirty').count()) > 0;
  }

  /** Focuses the text editor of the first editor group (Ctrl+1), wherever the focus was. */
  async focusEditor(): Promise<void> {
    await this.page.keyboard.press('Control+1');
    await this.page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ timeout: this.timeoutMs });
  }

  /** Puts the cursor at the end of the text in the first editor group (Ctrl+End). */
  async goToEnd(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+End');
  }

  /** Types `text` key by key into the focused editor. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** The text of the active editor, line by line, as rendered (only the visible lines). */
  async visibleEditorText(): Promise<string> {
    return this.page
      .locator('.editor-group-container.active .monaco-editor .view-lines')
      .first()
      .evaluate((el) =>
        [...el.querySelectorAll('.view-line')]
          .map((line) => ({
            top: Number(/top:\s*([\d.]+)px/.exec(line.getAttribute('style') ?? '')?.[1] ?? 0),
            text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
          }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text)
          .join('\n'),
      );
  }
}

/** One rendered row of the Problems tree: a file (level 1), a marker (2) or related information (3). */
interface PanelRow {
  index: number;
  last: boolean;
  level: string;
  icon: string;
  file: string;
  message: string;
  source: string;
  code: string;
  location: string;
  related: string;
  relatedFile: string;
}

function toProblems(rows: PanelRow[]): Problem[] {
  const problems: Problem[] = [];
  let file = '';
  for (const row of rows) {
    if (row.level === '1') {
      file = row.file;
    } else if (row.level === '2') {
      const severity = (['error', 'warning', 'info'] as const).find((s) => row.icon.split(' ').includes(s));
      const { message, source, code, location } = row;
      problems.push({ severity: severity ?? 'unknown', message, source, code, location, file, related: [] });
    } else {
      problems[problems.length - 1]?.related.push(`${row.relatedFile}${row.location}: ${row.related}`);
    }
  }
  return problems;
}
