#!/bin/sh
# Creates the topics of deploy/kafka/topics.conf (name, partitions, then key=value configs) that do
# not exist yet, with the Kafka image's own command line tool; run once per start by compose.yaml.
set -eu
conf="$1"

grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$conf" | while read -r topic partitions configs; do
    set --
    for config in $configs; do
        set -- "$@" --config "$config"
    done
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" --create --if-not-exists \
        --topic "$topic" --partitions "$partitions" --replication-factor 1 "$@"
done
