/* Databases, caches and brokers by their well-known ports. */
#include "lexicon/lexicon.h"

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
