// The component types of the format (docs/format.md) and what each one means, in one table.
// The schema's enum (a test compares them), the model, the rules, the diagram, completion
// and the Compose front end's image inference all read it; a type missing a field does
// not compile.

/** Which layer of a stack a type belongs to. */
export type Tier = 'edge' | 'web' | 'app' | 'data' | 'operations' | 'generic';

export interface ComponentTypeInfo {
  /** "Load balancer": how messages name a component of this type. */
  label: string;
  tier: Tier;
  /** Holds state that others read and write (drawn on the diagram's right-hand side). */
  dataStore: boolean;
  /** Its data must outlive it: the backup rules ask for a `backup`. */
  durable: boolean;
  /** May run as `primary-replica` (one writable primary, copies that can take over). */
  replicates: boolean;
  /** Speaks HTTP to its clients: TLS and load balancing are about it. */
  http: boolean;
  /**
   * Image names that imply this type (the last segment of the repository, without tag:
   * `docker.io/library/postgres:16` → `postgres`). Read by the Compose front end.
   */
  images: readonly string[];
}

export const COMPONENT_TYPE_TABLE = {
  'load-balancer': {
    label: 'Load balancer', tier: 'edge', dataStore: false, durable: false, replicates: false, http: true,
    images: ['haproxy', 'traefik', 'envoy', 'nginx-proxy', 'caddy-docker-proxy'],
  },
  'web-server': {
    label: 'Web server', tier: 'web', dataStore: false, durable: false, replicates: false, http: true,
    images: ['nginx', 'httpd', 'apache', 'caddy', 'lighttpd', 'nginx-unprivileged'],
  },
  'app-server': {
    label: 'App server', tier: 'app', dataStore: false, durable: false, replicates: false, http: true,
    images: ['tomcat', 'jetty', 'wildfly', 'gunicorn', 'php-fpm'],
  },
  database: {
    label: 'Database', tier: 'data', dataStore: true, durable: true, replicates: true, http: false,
    images: ['postgres', 'postgis', 'mysql', 'mariadb', 'mongo', 'mongodb', 'cassandra', 'cockroach', 'couchdb', 'neo4j', 'timescaledb', 'influxdb', 'clickhouse-server', 'elasticsearch', 'opensearch', 'mssql-server'],
  },
  cache: {
    label: 'Cache', tier: 'data', dataStore: true, durable: false, replicates: true, http: false,
    images: ['redis', 'valkey', 'memcached', 'keydb', 'dragonfly', 'varnish'],
  },
  queue: {
    label: 'Queue', tier: 'data', dataStore: true, durable: false, replicates: false, http: false,
    images: ['rabbitmq', 'kafka', 'cp-kafka', 'nats', 'activemq', 'artemis', 'redpanda', 'pulsar'],
  },
  storage: {
    label: 'Storage', tier: 'data', dataStore: true, durable: true, replicates: true, http: false,
    images: ['minio', 'seaweedfs', 'ceph'],
  },
  firewall: {
    label: 'Firewall', tier: 'edge', dataStore: false, durable: false, replicates: false, http: false,
    images: [],
  },
  cdn: {
    label: 'CDN', tier: 'edge', dataStore: false, durable: false, replicates: false, http: true,
    images: [],
  },
  monitoring: {
    label: 'Monitoring', tier: 'operations', dataStore: false, durable: false, replicates: false, http: false,
    images: ['prometheus', 'grafana', 'alertmanager', 'loki', 'jaeger', 'zipkin', 'node-exporter', 'cadvisor', 'datadog-agent'],
  },
  service: {
    label: 'Service', tier: 'generic', dataStore: false, durable: false, replicates: false, http: true,
    images: [],
  },
} as const satisfies Record<string, ComponentTypeInfo>;

export type ComponentType = keyof typeof COMPONENT_TYPE_TABLE;

/** The types in the table's (and the schema's) order. */
export const COMPONENT_TYPES = Object.keys(COMPONENT_TYPE_TABLE) as ComponentType[];

export function isComponentType(v: unknown): v is ComponentType {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(COMPONENT_TYPE_TABLE, v);
}

/** The table's entry for a type; undefined for a component without a known type. */
export function componentTypeInfo(type: ComponentType | undefined): ComponentTypeInfo | undefined {
  return type === undefined ? undefined : COMPONENT_TYPE_TABLE[type];
}

/** Whether the component type has the table's flag set (false for an unknown type). */
export function typeIs(type: ComponentType | undefined, flag: 'dataStore' | 'durable' | 'replicates' | 'http'): boolean {
  return componentTypeInfo(type)?.[flag] ?? false;
}

const TYPE_BY_IMAGE: ReadonlyMap<string, ComponentType> = new Map(
  COMPONENT_TYPES.flatMap((type) => COMPONENT_TYPE_TABLE[type].images.map((image) => [image, type] as const)),
);

/** Suffixes of vendor builds of a known image (`mysql-server`, `redis-stack`, `rabbitmq-management`). */
const VENDOR_SUFFIXES = ['ql', '-server', '-stack', '-management', '-community', '-enterprise', '-alpine'];

/**
 * The type an image name implies, else undefined. The name is read as a registry reference:
 * the last path segment, without tag or digest, lower case (`bitnami/postgresql:16` reads
 * `postgresql`: `postgres` and a vendor suffix). A name that merely contains a known one
 * (`postgres-backup`, `mypostgres`) implies nothing.
 */
export function typeOfImage(image: string): ComponentType | undefined {
  const repository = image.trim().toLowerCase().split('@', 1)[0];
  const lastSegment = repository.slice(repository.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const name = colon >= 0 ? lastSegment.slice(0, colon) : lastSegment;
  const exact = TYPE_BY_IMAGE.get(name);
  if (exact) return exact;
  for (const suffix of VENDOR_SUFFIXES) {
    if (name.endsWith(suffix)) {
      const type = TYPE_BY_IMAGE.get(name.slice(0, -suffix.length));
      if (type) return type;
    }
  }
  return undefined;
}
