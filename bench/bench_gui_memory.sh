#!/usr/bin/env bash
# The GUI's memory and speed on a large folder (issue 15: "the GUI on 100,000 generated small
# JPEGs keeps peak RSS under 1 GB while browsing"). The real app runs under a virtual X server
# with a window manager (xvfb-run, openbox) in a private, empty home (settings, projects,
# caches: nothing of the user's is touched), opens DIR (`transferlab --open DIR`: a new
# project, the photos imported from the class sub-folders) and is driven with xdotool as a
# user would: the grid of the Data page is clicked, then
#   1. fast pass: Page_Down at a steady rate from the top until the grid stops moving (the
#      last row reached: the window looks the same after two more bursts of keys);
#   2. slow pass: back to the top, then mouse-wheel steps with a pause after each, so the
#      thumbnails of every row passed actually load;
#   3. End, then Home (the two jumps a user makes).
# VmRSS and VmHWM of the app are sampled every 0.5 s from /proc/PID/status. It prints the
# time to the first window, to the import finished (the project file, saved after every
# change, lists every photo) and to the app idle after it, the scroll durations, RSS after the
# import, the peak during browsing, RSS at the end, the app's CPU seconds per phase and the
# thumbnail cache on disk. Builds nothing; prints figures, checks nothing (not a test).
#
#   bench/bench_gui_memory.sh [BUILD_DIR]                (default: build)
#
# Environment: PHOTOS_DIR (default /tmp/transferlab-scale-photos, made by bench_scale.sh),
# COUNT (100k or 20k: the folder under PHOTOS_DIR; default 100k), DIR (any folder of class
# sub-folders; overrides COUNT), SCREEN (default 1600x1000; the app opens at 1280x800),
# RATE (Page_Down keys per second in the fast pass; default 20), BURST (keys between checks
# for the end of the grid; default 60), SLOW_STEPS (wheel steps of the slow pass; default 60),
# SLOW_DELAY (seconds after each step; default 0.5), IMPORT_TIMEOUT (seconds; default 1800),
# SHOTS (a folder to copy the screenshots to), KEEP=1 (keep the temporary folder: home,
# samples, screenshots, the app's log).
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Inside the X session (xvfb-run runs this script again with --inside-x).
if [[ "${1:-}" == --inside-x ]]; then
    app="$2" dir="$3" tmp="$4" expected="$5"
    rate="${RATE:-20}" burst="${BURST:-60}"
    slow_steps="${SLOW_STEPS:-60}" slow_delay="${SLOW_DELAY:-0.5}"
    import_timeout="${IMPORT_TIMEOUT:-1800}"
    tick="$(getconf CLK_TCK)"
    pid="" sampler="" wm=""
    finish() {
        for p in "$sampler" "$pid" "$wm"; do
            [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
        done
        [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
    }
    trap finish EXIT
    die() { echo "bench_gui_memory.sh: $*" >&2; exit 1; }
    alive() { [[ -r "/proc/$pid/status" ]]; }

    t0="${EPOCHREALTIME/./}"
    now_us() { echo $(("${EPOCHREALTIME/./}" - t0)); }
    # status FIELD: kB from /proc/PID/status (VmRSS, VmHWM).
    status() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0; }
    # cpu: user + system clock ticks of the app so far.
    cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0; }
    mark() { echo "$1 $(now_us) $(status VmRSS) $(status VmHWM) $(cpu)" >>"$tmp/marks"; }
    shot() { import -window root "$tmp/shots/$1.png" 2>/dev/null || true; }
    # wait_idle MAX_S: until the app used under 5% of a core for 2 s (its import, layout and
    # thumbnail threads done), or MAX_S passed.
    wait_idle() {
        local end=$(($(now_us) + $1 * 1000000)) before after
        before="$(cpu)"
        while (($(now_us) < end)) && alive; do
            sleep 2
            after="$(cpu)"
            if (((after - before) * 100 < 5 * 2 * tick)); then return 0; fi
            before="$after"
        done
        return 0
    }
    # grid_digest: a hash of a band of the screen around the point clicked in the grid.
    grid_digest() {
        { import -window root -crop "480x330+$((gx - 240))+$((gy - 165))" rgb:- 2>/dev/null || true; } |
            md5sum | cut -d' ' -f1
    }
    mkdir -p "$tmp/shots"

    openbox >/dev/null 2>&1 &
    wm=$!
    sleep 1
    t0="${EPOCHREALTIME/./}"
    "$app" --open "$dir" >"$tmp/app.out" 2>&1 &
    pid=$!
    mark start
    (
        while [[ -r "/proc/$pid/status" ]]; do
            echo "$(now_us) $(status VmRSS) $(status VmHWM)"
            sleep 0.5
        done
    ) >"$tmp/samples" 2>/dev/null &
    sampler=$!

    # 1. The first window: any visible window of the process.
    timeout 300 xdotool search --sync --onlyvisible --pid "$pid" >/dev/null 2>&1 ||
        die "no window within 300 s"
    mark window
    # The main window: of the windows titled "<project> — TransferLab", the largest.
    timeout 60 xdotool search --sync --onlyvisible --name ' — TransferLab' >/dev/null 2>&1 ||
        die "no project window"
    wid="$(for w in $(xdotool search --onlyvisible --name ' — TransferLab'); do
        eval "$(xdotool getwindowgeometry --shell "$w" 2>/dev/null)" &&
            echo "$((WIDTH * HEIGHT)) $w"
    done | sort -n | tail -n 1 | cut -d' ' -f2)"
    [[ -n "$wid" ]] || die "main window not found"
    shot 1-first-window

    # 2. The import: finished when the project file (saved after each change) lists every photo.
    project=""
    last_mtime=""
    deadline=$(($(now_us) + import_timeout * 1000000))
    while :; do
        alive || die "the app exited during the import (see $tmp/app.out)"
        (($(now_us) < deadline)) || die "import not finished after $import_timeout s"
        if [[ -z "$project" ]]; then
            project="$(find "$TRANSFERLAB_PROJECTS_DIR" -name transferlab-project.json 2>/dev/null |
                sed -n 1p || true)"
        fi
        if [[ -n "$project" ]]; then
            mtime="$(stat -c %Y.%s "$project" 2>/dev/null || true)"
            if [[ "$mtime" != "$last_mtime" ]]; then
                last_mtime="$mtime"
                listed="$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["images"]))' \
                    "$project" 2>/dev/null || echo 0)"
                if ((listed >= expected)); then break; fi
            fi
        fi
        sleep 0.5
    done
    mark imported
    wait_idle 600
    mark idle
    shot 2-after-import

    # 3. Browsing. The grid fills the right of the Data page: click a photo in it (focus and a
    #    current item), move the pointer away (no hover highlight), go to the top.
    xdotool windowactivate --sync "$wid" >/dev/null 2>&1 || true
    xdotool key ctrl+1
    sleep 1
    eval "$(xdotool getwindowgeometry --shell "$wid")"
    gx=$((X + WIDTH * 62 / 100)) gy=$((Y + HEIGHT * 45 / 100))
    xdotool mousemove "$gx" "$gy" click 1
    sleep 0.5
    xdotool mousemove 0 0 key ctrl+Home
    wait_idle 60
    shot 3-top
    mark browse
    # Fast pass: bursts of Page_Down at RATE keys/s, until the grid band looks the same after
    # two bursts in a row (the end; a burst while thumbnails still load may differ).
    delay=$((1000 / rate))
    keys=()
    for ((i = 0; i < burst; i++)); do keys+=(Page_Down); done
    previous="$(grid_digest)" same=0 sent=0 pages_to_end=0
    while ((same < 2)); do
        alive || die "the app exited while scrolling (see $tmp/app.out)"
        xdotool key --delay "$delay" "${keys[@]}"
        sent=$((sent + burst))
        digest="$(grid_digest)"
        if [[ "$digest" == "$previous" ]]; then
            same=$((same + 1))
        else
            same=0 pages_to_end="$sent"
            mark scrolled  # the last mark with a moving grid: the end reached
        fi
        previous="$digest"
        if ((sent % (burst * 20) == 0)); then shot "4-fast-$sent"; fi
    done
    mark fast_done
    shot 5-bottom
    # Slow pass: back to the top, wheel steps (3 rows each in Qt) with a pause after each.
    xdotool key ctrl+Home
    wait_idle 60
    mark slow
    xdotool mousemove "$gx" "$gy"
    for ((i = 0; i < slow_steps; i++)); do
        xdotool click 5
        sleep "$slow_delay"
    done
    wait_idle 60
    mark slow_done
    shot 6-slow-pass
    xdotool mousemove 0 0 key End
    wait_idle 60
    shot 7-end
    xdotool key Home
    wait_idle 60
    mark end
    shot 8-home
    alive || die "the app exited (see $tmp/app.out)"
    echo "$pages_to_end $sent $rate" >"$tmp/scroll"
    exit 0
fi

# ---------------------------------------------------------------------------------------------
build="$(cd "${1:-build}" && pwd)"
app="$build/app/transferlab"
photos="${PHOTOS_DIR:-/tmp/transferlab-scale-photos}"
dir="$(cd "${DIR:-$photos/${COUNT:-100k}}" && pwd)"
screen="${SCREEN:-1600x1000}"
for tool in xvfb-run openbox xdotool import python3; do
    command -v "$tool" >/dev/null || { echo "bench_gui_memory.sh: needs $tool" >&2; exit 1; }
done
[[ -x "$app" ]] || { echo "bench_gui_memory.sh: no $app (build it first)" >&2; exit 1; }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/transferlab-gui-memory.XXXXXX")"
cleanup() {
    if [[ -n "${SHOTS:-}" && -d "$tmp/shots" ]]; then
        mkdir -p "$SHOTS" && cp "$tmp"/shots/*.png "$SHOTS"/ 2>/dev/null || true
    fi
    [[ "${KEEP:-0}" == 1 ]] && echo "Keeping $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT

# A private home: settings, projects, caches, logs; no backbone, offline.
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$tmp/runtime" TRANSFERLAB_PROJECTS_DIR="$HOME/Documents/TransferLab"
export TRANSFERLAB_BACKBONE_DIR="$HOME/backbones" TRANSFERLAB_OFFLINE=1 KERAS_HOME="$HOME/keras"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset OMP_WAIT_POLICY  # as a user's shell has it: the launcher sets it

# sed reads to the end, so nothing dies of a closed pipe under pipefail.
expected="$(find "$dir" -mindepth 2 -maxdepth 2 -type f \( -iname '*.jpg' -o -iname '*.jpeg' \
    -o -iname '*.png' \) | wc -l)"
echo "GUI memory while browsing: $expected photos in $dir"
echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); Xvfb ${screen}, openbox"
status=0
xvfb-run -a -s "-screen 0 ${screen}x24" "${BASH_SOURCE[0]}" --inside-x "$app" "$dir" "$tmp" \
    "$expected" || status=$?
if [[ ! -s "$tmp/marks" ]]; then
    echo "bench_gui_memory.sh: the run failed before any measurement" >&2
    exit 1
fi
[[ $status == 0 ]] || echo "bench_gui_memory.sh: the run stopped early (status $status); figures so far:" >&2

thumbs="$(find "$HOME/.cache" -type d -name thumbnails 2>/dev/null | sed -n 1p || true)"
thumb_files=0 thumb_kib=0
if [[ -n "$thumbs" ]]; then
    thumb_files="$(find "$thumbs" -type f | wc -l)"
    thumb_kib="$(du -sk "$thumbs" | cut -f1)"
fi
project_kib="$(find "$TRANSFERLAB_PROJECTS_DIR" -name transferlab-project.json -exec du -k {} + 2>/dev/null |
    cut -f1 | sed -n 1p || true)"
python3 - "$tmp" "$(getconf CLK_TCK)" "$thumb_files" "$thumb_kib" "${project_kib:-0}" <<'EOF'
import os, sys
tmp, tick = sys.argv[1], int(sys.argv[2])
thumb_files, thumb_kib, project_kib = map(int, sys.argv[3:6])
marks = {}
for line in open(os.path.join(tmp, "marks")):
    name, us, rss, hwm, cpu = (line.split() + ["0"] * 5)[:5]
    marks.setdefault(name, []).append((int(us) / 1e6, int(rss) / 1024, int(hwm) / 1024, int(cpu) / tick))
samples = []
for line in open(os.path.join(tmp, "samples")):
    parts = line.split()
    if len(parts) == 3:
        samples.append((int(parts[0]) / 1e6, int(parts[1]) / 1024, int(parts[2]) / 1024))
def first(name): return marks.get(name, [None])[0]
def last(name): return marks.get(name, [None])[-1]
def row(label, value): print(f"{label:<64} {value:>9}")
def secs(a, b): return f"{b[0] - a[0]:.1f}" if a and b else "-"
def cpu(a, b): return f"{b[3] - a[3]:.1f}" if a and b else "-"
start, window, imported, idle = first("start"), first("window"), first("imported"), first("idle")
browse, scrolled, fast_done = first("browse"), last("scrolled"), first("fast_done")
slow, slow_done, end = first("slow"), first("slow_done"), first("end")
row("start to first window, s", secs(start, window))
row("start to import finished (the project file lists every photo), s", secs(start, imported))
row("start to the app idle after the import, s", secs(start, idle))
row("  app CPU s (user + system), start to idle", cpu(start, idle))
if idle:
    row("RSS after the import (idle), MiB", f"{idle[1]:.0f}")
    row("peak RSS up to then (VmHWM), MiB", f"{idle[2]:.0f}")
scroll = os.path.join(tmp, "scroll")
if os.path.exists(scroll):
    pages, sent, rate = map(int, open(scroll).read().split())
    row(f"fast pass: Page_Down keys from the top to the last row, {rate}/s", pages)
    row("  top to the last row, s", secs(browse, scrolled))
    row(f"  with the {sent - pages} keys after it (end detection), s", secs(browse, fast_done))
    row("  app CPU s", cpu(browse, fast_done))
    if fast_done:
        row("  RSS after it, MiB", f"{fast_done[1]:.0f}")
if slow and slow_done:
    row("slow pass (wheel steps, a pause after each), s", secs(slow, slow_done))
browsing = [s for s in samples if browse and s[0] >= browse[0] and (not end or s[0] <= end[0])]
if browsing:
    row("RSS max sampled while browsing (every 0.5 s), MiB", f"{max(s[1] for s in browsing):.0f}")
if end:
    row("peak RSS of the whole run (VmHWM at the end), MiB", f"{end[2]:.0f}")
    row("RSS at the end, MiB", f"{end[1]:.0f}")
    row("app CPU s, whole run", cpu(start, end))
    row("wall s, whole run", secs(start, end))
row("thumbnail cache on disk, MiB", f"{thumb_kib / 1024:.1f}")
row("  files", thumb_files)
row("project file, MiB", f"{project_kib / 1024:.1f}")
peak = max([s[2] for s in samples] + ([end[2]] if end else []) or [0])
print(f"Peak RSS {peak:.0f} MiB = {peak * 1048576 / 1e9:.2f} GB: "
      + ("under 1 GB" if peak * 1048576 < 1e9 else "NOT under 1 GB"))
EOF
echo "(load average now $(cut -d' ' -f1-3 /proc/loadavg); timings on a shared machine are indicative)"
exit "$status"
