// "Export Diagram…": SVG from the server's `infraReview/exportSvg`, PNG by having the
// preview draw that SVG onto a canvas. Colours: the current theme's (read in the preview)
// or the light theme, per `infraReview.export.theme`. Saved through a save dialog, unless
// a target is passed (`infraReview.exportDiagram` with ("svg" | "png", uri)), which lets
// tests drive it.

import * as vscode from 'vscode';
import { isInfraDocument } from './infra-files';
import type { ExportFormat } from './preview/messages';
import type { PreviewController } from './preview-panel';
import { requestExportSvg } from './requests';
import type { ServerManager } from './server-client';
import type { PreviewSettings } from './settings';

export interface ExportDependencies {
  server: ServerManager;
  preview: PreviewController;
  settings: () => PreviewSettings;
}

function asFormat(value: unknown): ExportFormat | undefined {
  return value === 'svg' || value === 'png' ? value : undefined;
}

function asUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value.length > 0) return value.includes('://') ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  return undefined;
}

/** The document to export: the preview's, else the active infra editor's. */
function documentToExport(preview: PreviewController): vscode.Uri | undefined {
  if (preview.uri) return preview.uri;
  const editor = vscode.window.activeTextEditor;
  return editor && isInfraDocument(editor.document) ? editor.document.uri : undefined;
}

function defaultTarget(document: vscode.Uri, format: ExportFormat): vscode.Uri {
  const base = document.path.slice(document.path.lastIndexOf('/') + 1).replace(/\.yaml$/, '');
  const name = `${base || 'diagram'}.${format}`;
  return document.scheme === 'file' ? vscode.Uri.joinPath(document, '..', name) : vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? document, name);
}

export async function exportDiagram(deps: ExportDependencies, formatArg?: unknown, targetArg?: unknown): Promise<vscode.Uri | undefined> {
  const document = documentToExport(deps.preview);
  if (!document) {
    void vscode.window.showWarningMessage('Infra Review: open an infra.yaml file (or its diagram preview) to export its diagram.');
    return undefined;
  }
  let format = asFormat(formatArg);
  if (!format) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'SVG', description: 'Scalable vector graphics', format: 'svg' as const },
        { label: 'PNG', description: 'Image, drawn by the preview', format: 'png' as const },
      ],
      { title: 'Infra Review: Export Diagram', placeHolder: 'Format' },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  const target =
    asUri(targetArg) ??
    (await vscode.window.showSaveDialog({
      title: `Export Diagram as ${format.toUpperCase()}`,
      defaultUri: defaultTarget(document, format),
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    }));
  if (!target) return undefined;

  try {
    // PNG needs the preview's canvas, and the current theme needs its computed colours.
    // Without an open preview, an SVG export uses the light theme.
    if (format === 'png') deps.preview.open(document, true);
    const theme = deps.settings().exportTheme === 'current' && deps.preview.isOpen ? await deps.preview.collectTheme() : undefined;
    const client = await deps.server.ensureStarted();
    // What the preview shows: its collapsed groups stay collapsed in the file.
    const { svg } = await requestExportSvg(client, { uri: document.toString(), theme, collapsedGroups: deps.preview.collapsedGroupsOf(document) });
    const bytes = format === 'svg' ? new TextEncoder().encode(svg) : await deps.preview.rasterize(svg);
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Infra Review: diagram exported to ${target.scheme === 'file' ? target.fsPath : target.toString()}`);
    return target;
  } catch (error) {
    void vscode.window.showErrorMessage(`Infra Review: the export failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
