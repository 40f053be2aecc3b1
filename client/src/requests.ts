// Typed wrappers of the server's custom requests (server/src/protocol.ts).

import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  DIAGRAM_REQUEST,
  EXPLAIN_RULE_REQUEST,
  EXPORT_SVG_REQUEST,
  NODE_AT_REQUEST,
  WHAT_IF_REQUEST,
  type DiagramParams,
  type DiagramResult,
  type ExplainRuleParams,
  type ExplainRuleResult,
  type ExportSvgParams,
  type ExportSvgResult,
  type NodeAtParams,
  type NodeAtResult,
  type WhatIfParams,
  type WhatIfResponse,
} from '../../server/src/protocol';

export const requestDiagram = (client: BaseLanguageClient, params: DiagramParams): Promise<DiagramResult> =>
  client.sendRequest<DiagramResult>(DIAGRAM_REQUEST, params);

export const requestWhatIf = (client: BaseLanguageClient, params: WhatIfParams): Promise<WhatIfResponse> =>
  client.sendRequest<WhatIfResponse>(WHAT_IF_REQUEST, params);

export const requestExportSvg = (client: BaseLanguageClient, params: ExportSvgParams): Promise<ExportSvgResult> =>
  client.sendRequest<ExportSvgResult>(EXPORT_SVG_REQUEST, params);

export const requestNodeAt = (client: BaseLanguageClient, params: NodeAtParams): Promise<NodeAtResult> =>
  client.sendRequest<NodeAtResult>(NODE_AT_REQUEST, params);

export const requestExplainRule = (client: BaseLanguageClient, params: ExplainRuleParams): Promise<ExplainRuleResult> =>
  client.sendRequest<ExplainRuleResult>(EXPLAIN_RULE_REQUEST, params);
