// "Show Rule Documentation": a quick pick of the rules, then the rule's catalogue entry
// (from the server's `infraReview/explainRule`) as a read-only Markdown document, shown in
// the Markdown preview. The command also takes a rule id as its argument.

import * as vscode from 'vscode';
import { ruleEntriesFromManifest } from './manifest';
import { requestExplainRule } from './requests';
import type { ServerManager } from './server-client';

export const RULE_DOC_SCHEME = 'infra-review-rule';

export function ruleDocUri(rule: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOC_SCHEME, path: `/${rule}.md` });
}

function ruleOfUri(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

export class RuleDocProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly server: ServerManager) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const rule = ruleOfUri(uri);
    const client = await this.server.ensureStarted();
    const { markdown } = await requestExplainRule(client, { rule });
    return markdown ?? `# ${rule}\n\nThere is no rule with this id.\n`;
  }
}

export async function showRuleDocumentation(context: vscode.ExtensionContext, rule?: unknown): Promise<void> {
  let id = typeof rule === 'string' && /^[a-z0-9-]+$/.test(rule) ? rule : undefined;
  if (id === undefined) {
    const entries = ruleEntriesFromManifest(context.extension.packageJSON);
    const picked = await vscode.window.showQuickPick(
      entries.map((e) => ({ label: e.id, description: e.title })),
      { title: 'Infra Review: Show Rule Documentation', placeHolder: 'Pick a rule', matchOnDescription: true },
    );
    if (!picked) return;
    id = picked.label;
  }
  const uri = ruleDocUri(id);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // Without the built-in Markdown extension, show the source.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}
