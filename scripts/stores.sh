# Sourced by scripts/test.sh: installs and starts the object-store servers
# the store tests run against, on 127.0.0.1, and stops them on exit.
#   - s3s-fs, an S3-protocol server that checks request signatures
#     (buckets are folders of its root; this script makes them);
#   - Azurite's blob service (containers made through its REST API).
# Exports LAKEAUDIT_S3_* and LAKEAUDIT_AZURITE_URL for tests/it/stores.rs and
# LAKEAUDIT_REQUIRE_STORES=1 so that those tests cannot be skipped.

tools=target/tools
s3s_fs="$tools/bin/s3s-fs"
azurite="$tools/azurite/node_modules/.bin/azurite-blob"
if [ ! -x "$s3s_fs" ]; then
    cargo install s3s-fs@0.14.1 --locked --features binary --root "$tools" --quiet
fi
if [ ! -x "$azurite" ]; then
    npm install --prefix "$tools/azurite" --no-audit --no-fund --silent azurite@3.35.0
fi
if ! "$LAKEAUDIT_PYTHON" -c 'import azure.storage.blob' 2>/dev/null; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'azure-storage-blob==12.26.0'
fi

free_port() { "$LAKEAUDIT_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "a store server did not start on port $1" >&2
    return 1
}

stores_dir=$(mktemp -d)
server_pids=()
stop_stores() {
    if [ ${#server_pids[@]} -gt 0 ]; then kill "${server_pids[@]}" 2>/dev/null || true; fi
    rm -rf "$stores_dir"
}
trap stop_stores EXIT

s3_port=$(free_port)
mkdir -p "$stores_dir/s3/lake" "$stores_dir/s3/reports" "$stores_dir/s3/anon"
"$s3s_fs" --host 127.0.0.1 --port "$s3_port" --access-key lakeaudit-test --secret-key lakeaudit-test-secret \
    "$stores_dir/s3" >"$stores_dir/s3s.log" 2>&1 &
server_pids+=($!)

az_port=$(free_port)
"$azurite" --blobHost 127.0.0.1 --blobPort "$az_port" --inMemoryPersistence --silent --skipApiVersionCheck \
    --disableTelemetry >"$stores_dir/azurite.log" 2>&1 &
server_pids+=($!)

wait_port "$s3_port"
wait_port "$az_port"

export LAKEAUDIT_S3_ENDPOINT="http://127.0.0.1:$s3_port"
export LAKEAUDIT_S3_ACCESS_KEY=lakeaudit-test
export LAKEAUDIT_S3_SECRET_KEY=lakeaudit-test-secret
# Azurite's well-known development account (public, documented by Microsoft).
export LAKEAUDIT_AZURITE_URL="http://127.0.0.1:$az_port"
export LAKEAUDIT_REQUIRE_STORES=1
"$LAKEAUDIT_PYTHON" - "$LAKEAUDIT_AZURITE_URL/devstoreaccount1" <<'PY'
import sys
from azure.storage.blob import BlobServiceClient
key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
client = BlobServiceClient(account_url=sys.argv[1], credential={"account_name": "devstoreaccount1", "account_key": key})
for name in ("lake", "reports", "anon"):
    client.create_container(name)
PY
