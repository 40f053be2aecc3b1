// The schema of `x-infra-review` (docs/formats.md): the keys of docs/format.md that a
// Compose file cannot say, stated at the top level and on services; and the shapes of the
// Compose keys the front end reads. Data: validate.ts checks it, completion and hover read it.

import { COMPONENT_TYPES } from '../../model/component-types';
import { FAILOVERS, MODES } from '../../model/types';
import { DEPLOY_MODES } from './read';

export type Shape =
  | { kind: 'any' }
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'number'; integer?: boolean; min?: number; exclusiveMin?: number; max?: number }
  /** `docs`: what each value means, where docs/format.md does not already say it. */
  | { kind: 'enum'; values: readonly string[]; docs?: Record<string, string> }
  | { kind: 'list'; item: Shape; minItems?: number }
  | { kind: 'either'; options: Shape[] }
  | ObjectShape;

export interface ObjectShape {
  kind: 'object';
  keys: Record<string, Shape>;
  /** Other keys are allowed (Compose keys this front end does not read). */
  open?: boolean;
  /** Keys it must have; among several mappings an `either` takes, the one whose required keys are there. */
  required?: readonly string[];
  /** One line per key, for hover and completion. */
  docs?: Record<string, string>;
}

const any: Shape = { kind: 'any' };
const string: Shape = { kind: 'string' };
const boolean: Shape = { kind: 'boolean' };
const availability: Shape = { kind: 'number', exclusiveMin: 0, max: 1 };
const positive: Shape = { kind: 'number', exclusiveMin: 0 };
const stringList: Shape = { kind: 'list', item: string };
const mappingOrList: Shape = { kind: 'either', options: [{ kind: 'object', keys: {}, open: true }, { kind: 'list', item: any }] };

/** The forms of a `dependsOn` item (docs/format.md), in the words of both extensions' docs (this one and the Kubernetes annotation). */
export const DEPENDENCY_FORMS_DOC = 'names, `{ component, optional }`, or `{ anyOf: [names], optional }`, met while any one of them is up (a blue-green pair)';

/** A `dependsOn` item of docs/format.md: an id, `{ component, optional }` or `{ anyOf: [ids], optional }`. */
const dependency: Shape = {
  kind: 'either',
  options: [
    string,
    { kind: 'object', keys: { component: string, optional: boolean }, required: ['component'] },
    { kind: 'object', keys: { anyOf: { kind: 'list', item: string, minItems: 2 }, optional: boolean }, required: ['anyOf'] },
  ],
};

export const X_SERVICE_SHAPE: ObjectShape = {
  kind: 'object',
  keys: {
    type: { kind: 'enum', values: COMPONENT_TYPES },
    software: string,
    mode: { kind: 'enum', values: MODES },
    failover: { kind: 'enum', values: FAILOVERS },
    tls: boolean,
    capacity: positive,
    backup: { kind: 'either', options: [boolean, { kind: 'object', keys: { schedule: string, offsite: boolean } }] },
    availability,
    healthCheck: { kind: 'either', options: [string, { kind: 'object', keys: { path: string, interval: { kind: 'either', options: [string, positive] } } }] },
    dependsOn: { kind: 'list', item: dependency },
    entry: boolean,
    monitoring: string,
  },
  docs: {
    type: 'What kind of component the service is, when its image does not say (`database`, `cache`, `load-balancer`, …).',
    software: 'The software it runs, when the image name does not say it.',
    mode: 'How its instances share the work: `active-active`, `active-passive` or `primary-replica`.',
    failover: '`automatic` when a standby takes over by itself (for `active-passive` and `primary-replica`).',
    tls: 'Whether it accepts TLS (HTTPS) connections: Compose cannot say so.',
    capacity: 'Requests per second one instance serves.',
    backup: 'Its backup: `{ schedule: daily, offsite: true }`.',
    availability: 'The availability of one instance, between 0 and 1.',
    healthCheck: 'A health check outside Compose (the load balancer\'s own), when `healthcheck:` does not say it.',
    dependsOn: `Dependencies neither \`depends_on\` nor the environment shows (a host name written in the code): ${DEPENDENCY_FORMS_DOC}.`,
    entry: '`true`: users reach this service although it publishes no port (a worker fed from outside).',
    monitoring: 'The agent or service that watches it.',
  },
};

export const X_TOP_LEVEL_SHAPE: ObjectShape = {
  kind: 'object',
  keys: {
    platform: {
      kind: 'enum',
      values: ['compose', 'swarm'],
      docs: {
        compose: 'One Docker engine runs every service (`docker compose up`): the engine is a single point of failure. The default.',
        swarm: 'A Swarm (`docker stack deploy`): tasks spread over nodes that are not modelled, so only a service with one task, or one pinned to one node, is a single point of failure.',
      },
    },
    name: string,
    description: string,
    load: { kind: 'object', keys: { peak: positive } },
    slo: availability,
    host: {
      kind: 'object',
      keys: {
        firewall: { kind: 'either', options: [boolean, { kind: 'object', keys: { allow: { kind: 'list', item: { kind: 'number', integer: true, min: 1, max: 65535 } } } }] },
        monitoring: string,
        availability,
      },
    },
    suppress: { kind: 'list', item: { kind: 'object', keys: { rule: string, target: string, reason: string } } },
  },
  docs: {
    platform: '`swarm` when the file is deployed with `docker stack deploy`: tasks spread over nodes. Default: one Docker engine.',
    name: 'The design\'s name (default: the Compose `name`).',
    description: 'What the stack is for.',
    load: 'The load at peak: `{ peak: 3000 }` requests per second.',
    slo: 'The availability target, between 0 and 1 (`0.999`).',
    host: 'What Compose cannot say about the Docker host (or the Swarm nodes): `firewall`, `monitoring`, `availability`.',
    suppress: 'Reviewed exemptions: `- { rule, target, reason }`.',
  },
};

/** What `x-infra-review` itself means, at the top level and on a service (hover and completion). */
export const X_TOP_LEVEL_DOC =
  '**infra-review**: what Compose cannot say about the stack, in the terms of infra.yaml: `platform`, `load`, `slo`, the Docker `host` (firewall, monitoring, availability) and `suppress`.';
export const X_SERVICE_DOC =
  '**infra-review**: what Compose cannot say about this service, in the terms of infra.yaml: `type`, `tls`, `backup`, `monitoring`, `capacity`, `availability`, hidden `dependsOn`, `entry`.';

export const SERVICE_SHAPE: ObjectShape = {
  kind: 'object',
  open: true,
  keys: {
    image: string,
    profiles: stringList,
    scale: { kind: 'number', integer: true, min: 0 },
    deploy: {
      kind: 'object',
      open: true,
      keys: {
        mode: { kind: 'enum', values: DEPLOY_MODES },
        replicas: { kind: 'number', integer: true, min: 0 },
        placement: { kind: 'object', open: true, keys: { constraints: stringList } },
      },
    },
    ports: { kind: 'list', item: { kind: 'either', options: [string, { kind: 'number', integer: true }, { kind: 'object', keys: {}, open: true }] } },
    depends_on: { kind: 'either', options: [stringList, { kind: 'object', keys: {}, open: true }] },
    links: stringList,
    volumes_from: stringList,
    network_mode: string,
    environment: mappingOrList,
    networks: mappingOrList,
    healthcheck: { kind: 'object', open: true, keys: { disable: boolean } },
  },
};

export const TOP_LEVEL_SHAPE: ObjectShape = {
  kind: 'object',
  open: true,
  keys: {
    services: { kind: 'object', keys: {}, open: true },
    name: string,
  },
};
