#!/usr/bin/env bash
# Runs the quickstart demo: builds StoreSync (tests skipped) and runs samples/quickstart on an embedded PostgreSQL
# against an in-process seller website (the testkit's WebsiteSimulator) reached over real HTTP.
# Everything is resolved inside this build; nothing is installed into ~/.m2.
# Needs only a JDK 17+ and Maven.
# Javadoc and sources jars are not needed to run the demo and are skipped.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -Dstyle.color=never -Pdemo -pl samples/quickstart -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
