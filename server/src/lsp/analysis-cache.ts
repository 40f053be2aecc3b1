// One analysis per document version (and settings): every request about that version
// shares it. Keyed by URI, so open files are independent.

import { analyze, completeAnalysis } from '../analysis/engine';
import type { AnalysisResult } from '../analysis/engine';
import type { SeveritySetting } from '../model/findings';
import { ChunkCache } from '../model/chunked-parse';
import { formatOptionsFor } from '../formats';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

export interface CachedAnalysis {
  version: number;
  result: AnalysisResult;
  /** How long the analysis took, in ms (the debounce adapts to it). */
  ms: number;
}

export class AnalysisCache {
  private readonly entries = new Map<string, CachedAnalysis & { settings: string }>();
  /** Per document: the composed chunks of its last parse, so an edit re-parses only what changed. */
  private readonly chunks = new Map<string, ChunkCache>();
  private rules: Readonly<Record<string, SeveritySetting>> = {};
  private profiles: readonly string[] = [];
  private settings = '';

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** New settings make every cached analysis stale. */
  setRules(rules: Readonly<Record<string, SeveritySetting>>, key: string, composeProfiles: readonly string[] = []): void {
    this.rules = rules;
    this.profiles = composeProfiles;
    this.settings = key;
  }

  /** The analysis of the document's current version, computed at most once. */
  get(doc: VersionedText): CachedAnalysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settings === this.settings) return hit;
    const started = this.now();
    let chunkCache = this.chunks.get(doc.uri);
    if (!chunkCache) this.chunks.set(doc.uri, (chunkCache = new ChunkCache()));
    // The rules that need the availability wait for `complete`, so the diagnostics do not wait
    // for them, unless the edit left the availability of the version before as it was.
    const result = analyze(doc.getText(), { rules: this.rules, chunkCache, deferAvailability: true, previous: hit?.result, ...formatOptionsFor(doc.uri, this.profiles, doc.getText()) });
    const entry = { version: doc.version, result, ms: this.now() - started, settings: this.settings };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  /**
   * The second step of the document's analysis (engine.ts, `completeAnalysis`): its complete
   * result replaces the first. Undefined when the cache holds no analysis of `version`.
   */
  complete(uri: string, version: number): { entry: CachedAnalysis; ms: number } | undefined {
    const entry = this.entries.get(uri);
    if (!entry || entry.version !== version) return undefined;
    const started = this.now();
    entry.result = completeAnalysis(entry.result);
    return { entry, ms: this.now() - started };
  }

  /** The last analysis of the document, whatever its version (undefined when none). */
  latest(uri: string): CachedAnalysis | undefined {
    return this.entries.get(uri);
  }

  /** Whether `get` would answer without analysing. */
  isCurrent(doc: VersionedText): boolean {
    const hit = this.entries.get(doc.uri);
    return !!hit && hit.version === doc.version && hit.settings === this.settings;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.chunks.delete(uri);
  }
}
