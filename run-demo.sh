#!/usr/bin/env bash
# Runs the quickstart demo: builds StoreSync (tests skipped) and runs samples/quickstart on an embedded PostgreSQL.
# Needs only a JDK 17+ and Maven.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q install -DskipTests
mvn -B -q -f samples/quickstart exec:java
