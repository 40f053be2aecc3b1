// The seam between a file format and the engine (docs/formats.md). A front end reads its
// own text into the one `Design` that every rule, the failure model, the diagram and the
// faces understand, and maps that design back to its own text: where each element, key and
// value is, and how a fix to the design is written in the format's own terms. Nothing past
// this seam knows which format it reads.

import type { Change, RawFinding } from '../model/findings';
import type { ParsedDocument, ParsedSource, ParseLimits, ParseTextOptions } from '../model/parse';
import type { SchemaDocs } from '../model/schema-docs';
import type { Design, Path } from '../model/types';
import type { FormatId } from './detect';

/** The rule of a front end's notes about content it did not read (`include`, `extends`). */
export const NOT_READ_RULE = 'not-read';

/**
 * The instances of a workload that runs one on every node (a Swarm `global` service, a
 * Kubernetes DaemonSet), since nodes are not modelled: each on a node of its own, the fewest
 * that survive the loss of one (a one-node cluster is a single point of failure the file
 * cannot show).
 */
export const PER_NODE_INSTANCES = 2;

/** The hover's note on such a workload's count: `what` says how it runs (Markdown, no ids). */
export const perNodeNote = (what: string): string => `${what}; nodes are not modelled, so it counts as ${PER_NODE_INSTANCES}, each on a node of its own`;

/** What the analysis knows about the file besides its text. */
export interface FrontEndOptions {
  /** The name says the file is deployed to a Swarm (`docker-stack.yml`). */
  swarm?: boolean;
  /** Compose profiles to activate besides the services that have none. */
  profiles?: readonly string[];
}

export interface FrontEnd {
  readonly format: FormatId;
  /** Text → YAML tree with positions, data and syntax problems (never throws). */
  parse(text: string, limits: ParseLimits, options: ParseTextOptions): ParsedDocument;
  /**
   * The same reading without the tree, for `check` (model/parse.ts `parseCompact`): it answers
   * the engine exactly as `parse` does. A front end without it is read through `parse`.
   */
  parseCompact?(text: string, limits: ParseLimits): ParsedSource;
  /** The format's own schema problems, at paths of this document. */
  validate(parsed: ParsedSource): RawFinding[];
  /**
   * Whether the parsed data is a design at all (a SPOF search on anything else would report
   * nothing meaningful); a mapping when not given.
   */
  readable?(parsed: ParsedSource): boolean;
  /** The design and how its elements are found in this text. */
  read(parsed: ParsedSource, options: FrontEndOptions): DesignReading;
  /** What the format's schema says at a path of its documents: hover on keys and values, key and value completion. */
  readonly schema: SchemaDocs;
}

export interface DesignReading {
  design: Design;
  locator: Locator;
  /** Findings about the reading itself (what was not read: `include`, `extends`), at document paths. */
  notes: RawFinding[];
}

/**
 * Model paths (the paths of docs/format.md, which `Design` elements and findings carry) ↔
 * paths of this document. For infra.yaml both are the same.
 */
export interface Locator {
  /** The document path where the model path's element, key or value is written (or would be). */
  documentPath(modelPath: Path): Path;
  /** The model path a document path stands for (hover, navigation, the preview); undefined for none. */
  modelPath(documentPath: Path): Path | undefined;
  /** A fix's changes to the design, as changes to this document; undefined when the format cannot say it. */
  documentChanges(changes: readonly Change[]): Change[] | undefined;
  /**
   * Where the format writes a value that names an id or a rule in its own syntax (a Compose
   * `depends_on` item, an `x-infra-review` dependsOn or suppress entry), the model path that
   * value stands for (`['components', from, 'dependsOn', i]`, `['suppress', i, 'rule']`), for completion.
   */
  idValuePath?(documentPath: Path): Path | undefined;
  /**
   * Where what the document path names is defined, when the format has something between
   * the model's elements (a Kubernetes env address → its Service; a Service → every workload
   * it selects); empty when it names nothing of the kind.
   */
  definitionsAt?(documentPath: Path): Path[];
}

/** The locator of a document whose paths are the model's own. */
export const IDENTITY_LOCATOR: Locator = {
  documentPath: (path) => path,
  modelPath: (path) => path,
  documentChanges: (changes) => [...changes],
};

/** A fix's changes, each written in the format's terms by `one`; undefined when one of them cannot be. */
export function translateChanges(changes: readonly Change[], one: (change: Change) => Change | undefined): Change[] | undefined {
  const out: Change[] = [];
  for (const change of changes) {
    const translated = one(change);
    if (!translated) return undefined;
    out.push(translated);
  }
  return out;
}
