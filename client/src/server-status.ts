// The status bar item that shows the server's state; clicking it shows the output.

import * as vscode from 'vscode';
import type { ServerState } from './server-client';

export const SHOW_OUTPUT_COMMAND = 'infraReview.showOutput';

const LOOK: Record<ServerState, { text: string; tooltip: string }> = {
  stopped: { text: '$(circle-outline) Infra Review', tooltip: 'Infra Review: the server is not running' },
  starting: { text: '$(sync~spin) Infra Review', tooltip: 'Infra Review: starting the server…' },
  ready: { text: '$(check) Infra Review', tooltip: 'Infra Review: ready' },
  error: { text: '$(error) Infra Review', tooltip: 'Infra Review: the server failed. Click to see the output.' },
};

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('infraReview.status', vscode.StatusBarAlignment.Right, 100);
  private state: ServerState = 'stopped';
  private relevant = false;

  constructor() {
    this.item.name = 'Infra Review';
    this.item.command = SHOW_OUTPUT_COMMAND;
    this.show('stopped');
  }

  show(state: ServerState, detail?: string): void {
    this.state = state;
    const look = LOOK[state];
    this.item.text = look.text;
    this.item.tooltip = detail ? `${look.tooltip}\n${detail}` : look.tooltip;
    this.item.backgroundColor = state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.updateVisibility();
  }

  /** Shown while an infra document is active, and always after a failure. */
  setRelevant(relevant: boolean): void {
    this.relevant = relevant;
    this.updateVisibility();
  }

  private updateVisibility(): void {
    if (this.relevant || this.state === 'error') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
