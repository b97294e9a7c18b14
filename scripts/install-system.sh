#!/usr/bin/env bash
# Install the Debian packages the tests need, when they are missing: the browser, Virtuoso, a CJK
# font, Java (Nu HTML Checker, HermiT), nginx and Apache (the hosting recipes), rapper (an
# independent RDF parser).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/bin/virtuoso-t ] || command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/sbin/apache2 ] || need+=(apache2)
command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "installing Debian packages: ${need[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
