# Sourced by scripts/test and scripts/bench: installs Debian's packages the tests and the benchmarks
# run (chromium, redis-server, nats-server) when missing, or says how to.
# Usage: require_system_packages chromium redis-server nats-server
require_system_packages() {
  local missing=() package
  for package in "$@"; do
    case "$package" in
      chromium)
        if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi ;;
      *)
        if ! command -v "$package" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$package" ] && [ ! -x "/usr/bin/$package" ]; then
          missing+=("$package")
        fi ;;
    esac
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's ${missing[*]}..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Needed: ${missing[*]}. Run 'sudo apt-get install -y ${missing[*]}'" \
      "(or set CHROMIUM_PATH for the browser)." >&2
    return 1
  fi
}
