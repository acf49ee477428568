#!/usr/bin/env bash
# Puts PixelMed (the DICOM toolkit, ADR 0002) into the local Maven repository.
#
# PixelMed is not on Maven Central; Debian packages it as libpixelmed-java and
# libpixelmed-imageio-java. We take the jars from, in this order:
#   1. the local Maven repository (nothing to do),
#   2. /usr/share/java, where the Debian packages are installed,
#   3. `apt-get download` of the .deb files (needs no root), unpacked with dpkg-deb.
# The Maven build runs this in the root's validate phase; it is safe to run twice.
set -euo pipefail

repo=${1:?usage: install-pixelmed.sh LOCAL_MAVEN_REPO PIXELMED_VERSION IMAGEIO_VERSION}
pixelmed_version=${2:?}
imageio_version=${3:?}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

install_artifact() { # artifactId version jar-name debian-package
  local artifact=$1 version=$2 jar_name=$3 package=$4
  local dir="$repo/com/pixelmed/$artifact/$version"
  local target="$dir/$artifact-$version.jar"
  [ -s "$target" ] && return 0

  local source="/usr/share/java/$jar_name-$version.jar"
  if [ ! -s "$source" ]; then
    if ! command -v apt-get >/dev/null || ! command -v dpkg-deb >/dev/null; then
      echo "install-pixelmed: $target is missing and this machine has no apt-get/dpkg-deb." >&2
      echo "  Get $jar_name-$version.jar (Debian package $package) and run:" >&2
      echo "  mvn install:install-file -DgroupId=com.pixelmed -DartifactId=$artifact -Dversion=$version -Dpackaging=jar -Dfile=$jar_name-$version.jar" >&2
      exit 1
    fi
    (cd "$work" && apt-get download "$package" >/dev/null 2>"$work/apt.log") || {
      echo "install-pixelmed: 'apt-get download $package' failed:" >&2; cat "$work/apt.log" >&2; exit 1; }
    dpkg-deb -x "$work/$package"_*.deb "$work/root"
    source="$work/root/usr/share/java/$jar_name-$version.jar"
    if [ ! -s "$source" ]; then
      echo "install-pixelmed: Debian's $package does not hold $jar_name-$version.jar;" \
           "set pixelmed.version / pixelmed-imageio.version in pom.xml to the version it has:" >&2
      ls "$work/root/usr/share/java" >&2
      exit 1
    fi
  fi

  mkdir -p "$dir"
  # Debian's manifest has a Class-Path into /usr/share/java (slf4j-jdk14, hsqldb, ...). Where those
  # jars exist they would join our classpath behind Maven's back: slf4j-jdk14 with the
  # jul-to-slf4j bridge loops until the stack overflows. So the jar is repacked without it.
  local unpacked="$work/unpacked-$artifact"
  mkdir -p "$unpacked" && (cd "$unpacked" && jar xf "$source")
  grep -v -e '^Class-Path:' -e '^ ' "$unpacked/META-INF/MANIFEST.MF" > "$work/manifest-$artifact.mf"
  rm "$unpacked/META-INF/MANIFEST.MF"
  # Written under a temporary name and moved, so a killed build never leaves half a jar behind.
  jar cfm "$target.part" "$work/manifest-$artifact.mf" -C "$unpacked" . && mv "$target.part" "$target"
  cat > "$dir/$artifact-$version.pom.part" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.pixelmed</groupId>
  <artifactId>$artifact</artifactId>
  <version>$version</version>
  <description>Installed from Debian package $package by packaging/third-party/install-pixelmed.sh</description>
</project>
POM
  mv "$dir/$artifact-$version.pom.part" "$dir/$artifact-$version.pom"
  echo "install-pixelmed: installed com.pixelmed:$artifact:$version from Debian package $package"
}

install_artifact pixelmed "$pixelmed_version" pixelmed libpixelmed-java
install_artifact pixelmed-imageio "$imageio_version" pixelmed_imageio libpixelmed-imageio-java
