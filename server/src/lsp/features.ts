// The answers to the language features and the preview's requests, as functions of one
// complete analysis and the request: they run where the analysis lives (an analysis worker,
// lsp/analysis-worker.ts), so that the server answers while another analysis runs.

import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type {
  CodeActionParams,
  CompletionParams,
  DefinitionParams,
  HoverParams,
  PrepareRenameParams,
  ReferenceParams,
  RenameParams,
} from 'vscode-languageserver/node';
import type { AnalysisResult } from '../analysis/engine';
import { buildScene, renderDiagramSvg, THEME_ROLES } from '../diagram';
import type { ThemeRole } from '../diagram';
import { codeActions } from '../language/code-actions';
import { completions } from '../language/completion';
import { hover } from '../language/hover';
import { definitions, documentSymbols, prepareRename, references, rename } from '../language/navigation';
import { nodeIdsAt, previewAvailability, whatIfNodes } from '../language/preview-links';
import type { DiagramParams, DiagramResult, ExportSvgParams, NodeAtParams, WhatIfParams } from '../protocol';
import { toCompletionList, toDocumentSymbol, toHover, toLocation, toWorkspaceEdit } from './convert';

/** What a feature knows besides the analysis: the document as the client has it now. */
export interface FeatureContext {
  uri: string;
  /** The document's current text (completion reads the line being typed). */
  text: string;
  /** The version the analysis is of (it may be older than the text while a new one runs). */
  analysedVersion: number;
  /** The client takes `itemDefaults.editRange` in completion lists. */
  editRangeDefault: boolean;
}

type Feature = (result: AnalysisResult, params: never, context: FeatureContext) => unknown;

export const FEATURES = {
  hover: (result: AnalysisResult, p: HoverParams) => {
    const h = hover(result, p.position);
    return h ? toHover(h) : null;
  },
  completion: (result: AnalysisResult, p: CompletionParams, c: FeatureContext) => toCompletionList(completions(c.text, p.position, result), c.editRangeDefault),
  definition: (result: AnalysisResult, p: DefinitionParams, c: FeatureContext) => {
    // One Location as before for one definition; several (a Service's workloads) as Location[].
    const locations = definitions(result, p.position).map((r) => toLocation(c.uri, r));
    return locations.length === 0 ? null : locations.length === 1 ? locations[0] : locations;
  },
  references: (result: AnalysisResult, p: ReferenceParams, c: FeatureContext) =>
    references(result, p.position, p.context.includeDeclaration).map((r) => toLocation(c.uri, r)),
  prepareRename: (result: AnalysisResult, p: PrepareRenameParams) => {
    const prepared = prepareRename(result, p.position);
    if (prepared && 'error' in prepared) throw new ResponseError(ErrorCodes.InvalidRequest, prepared.error);
    return prepared ?? null;
  },
  rename: (result: AnalysisResult, p: RenameParams, c: FeatureContext) => {
    const renamed = rename(result, p.position, p.newName);
    if (!renamed) return null;
    if ('error' in renamed) throw new ResponseError(ErrorCodes.InvalidRequest, renamed.error);
    return toWorkspaceEdit(c.uri, renamed.edits);
  },
  documentSymbol: (result: AnalysisResult) => documentSymbols(result).map(toDocumentSymbol),
  codeAction: (result: AnalysisResult, p: CodeActionParams) => codeActions(result, p),
  whatIf: (result: AnalysisResult, p: WhatIfParams) => whatIfNodes(result, p.failed),
  nodeAt: (result: AnalysisResult, p: NodeAtParams) => ({ nodeIds: nodeIdsAt(result, p.position) }),
  diagram: async (result: AnalysisResult, p: DiagramParams, c: FeatureContext): Promise<DiagramResult> => ({
    uri: p.uri,
    version: c.analysedVersion,
    scene: await buildScene(result, { collapsedGroups: new Set(stringsOf(p.collapsedGroups)), previousOrder: columnsOf(p.previousOrder) }),
    availability: previewAvailability(result),
  }),
  exportSvg: async (result: AnalysisResult, p: ExportSvgParams) => ({
    svg: await renderDiagramSvg(result, { theme: themeOf(p.theme), collapsedGroups: new Set(stringsOf(p.collapsedGroups)) }),
  }),
} satisfies Record<string, Feature>;

export type FeatureName = keyof typeof FEATURES;

/** What a feature answers (its result, once its promise settles). */
export type FeatureAnswer<K extends FeatureName> = Awaited<ReturnType<(typeof FEATURES)[K]>>;

/** A request's list of names, with anything that is not a string left out. */
function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A column order from a request: its lists of names, anything else left out. */
function columnsOf(value: unknown): string[][] {
  return Array.isArray(value) ? value.filter(Array.isArray).map(stringsOf) : [];
}

/** Only the roles the diagram knows; anything else in the request is ignored. */
function themeOf(theme: Record<string, string> | undefined): Partial<Record<ThemeRole, string>> | undefined {
  if (!theme) return undefined;
  const roles: readonly string[] = THEME_ROLES;
  return Object.fromEntries(Object.entries(theme).filter(([role, value]) => roles.includes(role) && typeof value === 'string'));
}
