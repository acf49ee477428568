#!/usr/bin/env bash
# Builds the self-contained workstation with the JDK's jpackage (run by packaging/pom.xml; see the
# README's Install section). Usage: build.sh INPUT_DIR DEST_DIR VERSION NAME TYPE...
#   INPUT_DIR  the app jar and every runtime jar (JavaFX and PyTorch natives are inside them)
#   DEST_DIR   where the app image (DEST/LangMamba) and installers go; replaced app image only
#   NAME       package name: langmamba-workstation, or langmamba-workstation-cuda
#   TYPE       app-image, deb (Linux), msi (Windows, needs WiX), dmg (macOS); app-image first
set -euo pipefail
input=$1 dest=$2 version=$3 name=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
app_jar=$(cd "$input" && ls langmamba-app-*.jar | head -1)
mkdir -p "$dest"

# The icon is a PNG, which jpackage takes on Linux only (Windows wants .ico, macOS .icns).
icon=()
[ "$(uname -s)" = Linux ] && icon=(--icon "$here/langmamba.png")
common=(--name LangMamba --app-version "$version" --vendor "LangMamba Workstation project"
        --description "Low-dose CT workstation: denoise, compare, read the model's tokens, fine-tune")
for type in "$@"; do
  case "$type" in
    app-image)
      # Only our own earlier image is replaced; jpackage refuses an existing one.
      rm -rf "$dest/LangMamba"
      # -Xmx: a 512x512 slice through SEED or RED-CNN takes 2-3 GB of native and heap memory.
      # The default module set of a class-path app (ALL-DEFAULT) carries what JavaFX needs (jdk.unsupported).
      jpackage --type app-image "${common[@]}" --dest "$dest" \
        --input "$input" --main-jar "$app_jar" --main-class org.langmamba.app.Main \
        --java-options "-Xmx4g" "${icon[@]}"
      echo "app image: $dest/LangMamba (start: $dest/LangMamba/bin/LangMamba)"
      ;;
    deb)
      command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null || {
        echo "build.sh: a .deb needs fakeroot and dpkg-deb: sudo apt-get install fakeroot dpkg" >&2; exit 2; }
      jpackage --type deb "${common[@]}" --dest "$dest" --app-image "$dest/LangMamba" \
        --linux-package-name "$name" --linux-app-category science --linux-menu-group "Science;MedicalSoftware" \
        --linux-shortcut --icon "$here/langmamba.png" --resource-dir "$here/linux" --linux-deb-maintainer "langmamba@users.noreply.example" \
        --linux-package-deps "libgtk-3-0" --license-file "$here/LICENSE-NOTICE.txt"
      ls -l "$dest"/*.deb
      ;;
    msi)
      jpackage --type msi "${common[@]}" --dest "$dest" --app-image "$dest/LangMamba" \
        --win-menu --win-shortcut --win-dir-chooser --win-per-user-install
      ;;
    dmg)
      jpackage --type dmg "${common[@]}" --dest "$dest" --app-image "$dest/LangMamba.app"
      ;;
    *) echo "build.sh: unknown type $type (app-image, deb, msi, dmg)" >&2; exit 2 ;;
  esac
done
