# Sourced by the benchmarks that start bin/firewatch serve. On JDK 25 the first `serve` after a build records the
# AOT start-up cache (see bin/firewatch): that server runs without JFR and trains the cache on whatever it is sent.
# Left to the first measured server, it would be a different JVM from the others and train the cache under load;
# an idle server started and stopped here writes the cache first.
write_startup_cache() {
  if [ -f target/firewatch-serve.aot ] && [ ! target/firewatch-serve.aot -ot target/firewatch.jar ]; then
    return
  fi
  echo "bench: writing the start-up cache with an idle server first" >&2
  local dir port server
  dir="$(mktemp -d)"
  printf 'server:\n  host: 127.0.0.1\n' > "$dir/firewatch.yaml"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  bin/firewatch serve --config "$dir/firewatch.yaml" --data "$dir/data" --port "$port" >"$dir/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
  kill "$server" && wait "$server" || true
  rm -rf "$dir"
}
