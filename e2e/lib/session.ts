import { launchBrowser, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer } from './code-server';
import { StepRecorder } from './screenshots';
import { Workbench } from './workbench';
import { createWorkspace, type Workspace } from './workspace';

export interface SessionOptions {
  /** Names the screenshot folder. */
  name: string;
  /** Folder to copy into the workspace. */
  from?: string;
  /** Files to write into the workspace (relative path → text). */
  files?: Record<string, string>;
  settings?: Record<string, unknown>;
}

/** A user's session: a workspace, code-server on a free port, and Chromium showing its workbench. */
export interface Session {
  workspace: Workspace;
  server: CodeServer;
  browser: BrowserSession;
  workbench: Workbench;
  steps: StepRecorder;
  /** Ends everything this session started. Safe to call twice. */
  close(): Promise<void>;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const closer of closers.splice(0).reverse()) {
      await closer().catch((err: unknown) => errors.push(err));
    }
    if (errors.length > 0) throw errors[0];
  };
  try {
    const workspace = createWorkspace({ from: options.from, files: options.files });
    closers.push(workspace.remove);
    const server = await startCodeServer({ workspace: workspace.dir, settings: options.settings });
    closers.push(server.stop);
    const browser = await launchBrowser();
    closers.push(browser.close);
    const workbench = new Workbench(browser.page);
    const steps = new StepRecorder(browser.page, options.name);
    await steps.step('workbench ready', async () => {
      await browser.page.goto(server.url);
      await workbench.waitUntilReady();
    });
    return { workspace, server, browser, workbench, steps, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
