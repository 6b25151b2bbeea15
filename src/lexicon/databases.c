/* Databases, caches and brokers by their well-known ports and by their
 * images; debuggers and servers that face the network by their ports. */
#include "lexicon/lexicon.h"

#include <string.h>

static const struct {
	long port;
	const char *what;
} known[] = {
	{ 5432, "PostgreSQL" }, { 3306, "MySQL/MariaDB" }, { 1433, "SQL Server" },
	{ 1521, "Oracle" }, { 27017, "MongoDB" }, { 27018, "MongoDB" }, { 6379, "Redis" },
	{ 6380, "Redis" }, { 9200, "Elasticsearch" }, { 9300, "Elasticsearch" },
	{ 5672, "RabbitMQ" }, { 15672, "RabbitMQ's management" }, { 11211, "Memcached" },
	{ 2181, "ZooKeeper" }, { 9092, "Kafka" }, { 8086, "InfluxDB" }, { 5984, "CouchDB" },
	{ 7687, "Neo4j" }, { 26257, "CockroachDB" }, { 9042, "Cassandra" },
	{ 8529, "ArangoDB" },
};
#define NKNOWN (sizeof(known) / sizeof(known[0]))

const char *database_of_port(long port)
{
	for (size_t k = 0; k < NKNOWN; k++)
		if (known[k].port == port)
			return known[k].what;
	return NULL;
}

long database_port_in(long lo, long hi)
{
	for (size_t k = 0; k < NKNOWN; k++)
		if (known[k].port >= lo && known[k].port <= hi)
			return known[k].port;
	return 0;
}

long database_port_at(size_t i)
{
	return i < NKNOWN ? known[i].port : 0;
}

/* By image: the repository's last components, as image_ref_repo writes
 * them ("mssql/server" for mcr.microsoft.com/mssql/server). */
static const struct {
	const char *image;
	const char *what;
} images[] = {
	{ "postgres", "PostgreSQL" }, { "postgresql", "PostgreSQL" }, { "postgis", "PostgreSQL" },
	{ "pgvector", "PostgreSQL" }, { "postgres-documentdb", "PostgreSQL" },
	{ "timescaledb", "PostgreSQL" },
	{ "timescaledb-ha", "PostgreSQL" }, { "mysql", "MySQL" }, { "percona", "MySQL" },
	{ "percona-server", "MySQL" }, { "mariadb", "MariaDB" }, { "mssql/server", "SQL Server" },
	{ "oracle-xe", "Oracle" }, { "oracle-free", "Oracle" }, { "mongo", "MongoDB" },
	{ "mongodb", "MongoDB" }, { "mongodb-community-server", "MongoDB" },
	{ "ferretdb", "FerretDB" }, { "redis", "Redis" }, { "redis-stack-server", "Redis" },
	{ "valkey", "Valkey" }, { "keydb", "KeyDB" }, { "dragonfly", "Dragonfly" },
	{ "memcached", "Memcached" }, { "elasticsearch", "Elasticsearch" },
	{ "opensearch", "OpenSearch" }, { "meilisearch", "Meilisearch" },
	{ "typesense", "Typesense" }, { "rabbitmq", "RabbitMQ" }, { "kafka", "Kafka" },
	{ "cp-kafka", "Kafka" }, { "redpanda", "Redpanda" }, { "zookeeper", "ZooKeeper" },
	{ "cp-zookeeper", "ZooKeeper" }, { "nats", "NATS" }, { "etcd", "etcd" },
	{ "influxdb", "InfluxDB" }, { "questdb", "QuestDB" }, { "clickhouse-server", "ClickHouse" },
	{ "couchdb", "CouchDB" }, { "couchbase", "Couchbase" }, { "neo4j", "Neo4j" },
	{ "memgraph", "Memgraph" }, { "cockroach", "CockroachDB" }, { "cassandra", "Cassandra" },
	{ "scylla", "ScyllaDB" }, { "arangodb", "ArangoDB" }, { "surrealdb", "SurrealDB" },
	{ "qdrant", "Qdrant" },
};
#define NIMAGES (sizeof(images) / sizeof(images[0]))

const char *database_of_image(const char *repo)
{
	size_t n = repo ? strlen(repo) : 0;

	for (size_t k = 0; k < NIMAGES; k++) {
		size_t l = strlen(images[k].image);

		/* the whole repository, or its last components */
		if (n >= l && !strcmp(repo + n - l, images[k].image) &&
		    (n == l || repo[n - l - 1] == '/'))
			return images[k].what;
	}
	return NULL;
}

const char *database_image_at(size_t i)
{
	return i < NIMAGES ? images[i].image : NULL;
}

/* Debuggers by the port they listen on by default. */
static const struct {
	long port;
	const char *what;
} debuggers[] = {
	{ 9229, "the Node.js inspector" }, { 5678, "debugpy (Python)" },
	{ 5005, "JDWP (the Java debugger)" }, { 2345, "Delve (the Go debugger)" },
};
#define NDEBUGGERS (sizeof(debuggers) / sizeof(debuggers[0]))

const char *debugger_of_port(long port)
{
	for (size_t k = 0; k < NDEBUGGERS; k++)
		if (debuggers[k].port == port)
			return debuggers[k].what;
	return NULL;
}

long debugger_port_at(size_t i)
{
	return i < NDEBUGGERS ? debuggers[i].port : 0;
}

/* The ports of the protocols those servers serve. */
static const long dns_ports[] = { 53, 67, 68, 853, 0 };	/* DNS, DHCP, DNS over TLS */
/* SMTP, submission (465, 587), POP3(S), IMAP(S), ManageSieve */
static const long mail_ports[] = { 25, 465, 587, 110, 995, 143, 993, 4190, 0 };

const struct lex_public_server lex_public_servers[] = {
	{ &lex_dns_servers, "a DNS or DHCP server", dns_ports },
	{ &lex_mail_servers, "a mail server", mail_ports },
	{ NULL, NULL, NULL },
};
