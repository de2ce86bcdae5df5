# Shared by the bench scripts: write one titled section of bench/RESULTS.md, replacing that
# section's previous figures and leaving the other sections alone.
# section NAME TITLE COMMAND TARGET BODY
section() {
  local name=$1 title=$2 command=$3 target=$4 body=$5 file=bench/RESULTS.md tmp
  tmp=$(mktemp)
  {
    echo "<!-- bench:$name -->"
    echo "## $title"
    echo
    echo "$target"
    echo
    echo "- command: \`$command\`"
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: \`$(uname -srmo)\`, $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- java: $(java -version 2>&1 | head -1)"
    echo
    echo "$body"
    echo "<!-- /bench:$name -->"
  } > "$tmp.section"
  [ -f "$file" ] || printf '# Benchmark results\n\nEach section is written by the script it names; run it again to refresh it.\n\n' > "$file"
  if grep -q "<!-- bench:$name -->" "$file"; then
    awk -v name="$name" -v sec="$tmp.section" '
      $0 == "<!-- bench:" name " -->" { while ((getline line < sec) > 0) print line; skip = 1; next }
      $0 == "<!-- /bench:" name " -->" { skip = 0; next }
      !skip { print }' "$file" > "$tmp"
    mv "$tmp" "$file"
  else
    { cat "$file"; echo; cat "$tmp.section"; } > "$tmp"
    mv "$tmp" "$file"
  fi
  rm -f "$tmp.section"
  cat "$file"
}
