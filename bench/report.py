"""Writes the benchmark report (Markdown) from the files build/bench.sh leaves in its work directory.

Refuses (exit code 1, the problems on stderr, nothing on stdout) when a figure the report needs is missing
or empty: a table with no rows, a selected scenario without a run at every connection count, without
requests or with errors, or without its per-request figures. A report must never show 0/s for a run that
did not happen."""
import datetime
import os
import re
import statistics
import sys

(work, members, branches, campaigns, signups, articles, seconds, idle_rss, load_rss,
 signup_check, pages, total_s, accounts, selected, concurrency, smoke, measure_seconds) = sys.argv[1:]
selected = selected.split()
concurrency = [int(c) for c in concurrency.split()]
problems = []


def fields(line):
    return dict(kv.split("=", 1) for kv in re.findall(r'(\w+=(?:"[^"]*"|\S+))', line))


def number(f, key, where):
    """A figure from a parsed line, or a problem noted when it is missing or not a number."""
    try:
        return float(f[key])
    except (KeyError, ValueError):
        problems.append(f"{where}: no number for '{key}' in {f}")
        return float("nan")


def read(name):
    path = os.path.join(work, name)
    return open(path).read().splitlines() if os.path.exists(path) else []


NAMES = {
    "baseline": "Baseline: campaign page, plain Npgsql",
    "campaign": "1. Campaign page: `campaign(slug)` with progress and 20 upcoming actions",
    "articles": "2. `articles(first: 20)` with authors",
    "members": f"3. `members(filter: {{search}})` at {int(members):,} members",
    "members-asof": f"3a. `membersAsOf(date, branchId)` for a branch of {int(members) // int(branches):,} members at {int(members):,} members",
    "baseline-signups": "Baseline: sign-up, plain Npgsql (same checks and rows, one transaction)",
    "signups": "4. `signUpForAction`, a new member and action each time",
    "apply": "5. `applyForMembership`, a new applicant each time",
}

runs = {}
for raw in read("results.txt"):
    key, c, line = raw.split("|", 2)
    runs.setdefault(key, {})[int(c)] = fields(line)
measures = {k: (float(c), float(a)) for k, c, a in (r.split("|") for r in read("measures.txt"))}

# What the run was asked for must all be there, every figure a real one.
mail = None
if "mail" in selected:
    # members|connections|answer_ms|delivery_ms|caught|host_cpu_ms|catcher_cpu_ms (build/bench.sh's mail scenario)
    lines = read("mail.txt")
    try:
        m_members, m_connections, m_answer_ms, m_delivery_ms, m_caught, m_host_cpu, m_catcher_cpu = (int(x) for x in lines[0].split("|"))
        mail = dict(members=m_members, connections=m_connections, answer_ms=m_answer_ms, delivery_ms=m_delivery_ms, caught=m_caught,
                    host_cpu=m_host_cpu, catcher_cpu=m_catcher_cpu)
        if m_caught != m_members or m_members <= 0:
            problems.append(f"mail scenario: {m_caught} mails caught for {m_members} members")
    except (IndexError, ValueError):
        problems.append(f"mail scenario: no figures in mail.txt ({lines!r})")
# PAGE page=… cache=… runs=… path=… shown_median=… shown_p95=… dcl_median=… dcl_p95=… response_median=… response_p95=…
# (tests/conformance/pages-bench.mjs, build/bench.sh's pages scenario)
page_loads = [fields(x) for x in read("pages.txt") if x.startswith("PAGE ")]
if "pages" in selected:
    seen = {(f.get("page"), f.get("cache")) for f in page_loads}
    for want in (("campaign", "cold"), ("campaign", "warm"), ("article", "cold"), ("article", "warm")):
        if want not in seen:
            problems.append(f"pages scenario: no figures for the {want[0]} page with a {want[1]} cache")
    for f in page_loads:
        where = f"pages scenario, {f.get('page')} page ({f.get('cache')})"
        for key in ("runs", "shown_median", "shown_p95", "dcl_median", "dcl_p95", "response_median", "response_p95"):
            if not number(f, key, where) > 0:
                problems.append(f"{where}: no figure for '{key}'")
# --- subscriptions scenario: its SUBS line (bench/WorkersPower.Bench/Subscribers.cs) in subscriptions.txt ---
subs = None
if "subscriptions" in selected:
    subs_lines = [fields(x) for x in read("subscriptions.txt") if x.startswith("SUBS ")]
    if not subs_lines:
        problems.append("subscriptions scenario: no SUBS line in subscriptions.txt")
    else:
        subs = subs_lines[0]
        for key in ("subscribers", "connected", "signups", "ok", "samples", "p50_ms", "p99_ms", "max_ms", "missed", "host_cpu_ms", "client_cpu_ms"):
            number(subs, key, "subscriptions scenario")
        if subs.get("missed") != "0" or subs.get("connected") != subs.get("subscribers") or subs.get("ok") != subs.get("signups") or subs.get("samples") in (None, "0"):
            problems.append(f"subscriptions scenario: incomplete ({subs})")
    subs_load = read("subscriptions-load.txt")
# --- end subscriptions scenario ---
# --- tracing scenario: mode|round|RESULT line in tracing.txt, what the stand-in collector took in sink-counts.txt ---
tracing = None
if "tracing" in selected:
    t_runs = [(m, int(r), fields(line)) for m, r, line in (x.split("|", 2) for x in read("tracing.txt"))]
    sink = fields(" ".join(read("sink-counts.txt")))
    by_mode = {m: [f for mm, _, f in t_runs if mm == m] for m in ("off", "on")}
    if not by_mode["off"] or len(by_mode["off"]) != len(by_mode["on"]):
        problems.append(f"tracing scenario: unmatched runs ({len(by_mode['off'])} off, {len(by_mode['on'])} on)")
    for m, r, f in t_runs:
        where = f"tracing scenario, round {r}, tracing {m}"
        if not number(f, "rps", where) > 0 or number(f, "errors", where) != 0:
            problems.append(f"{where}: no requests served or errors ({f})")
        number(f, "p99_ms", where)
        if not number(f, "host_cpu_ms", where) > 0:
            problems.append(f"{where}: no CPU time measured ({f})")
    if not number(sink, "requests", "tracing scenario's collector") > 0:
        problems.append("tracing scenario: no export reached the collector")
    tracing = dict(runs=t_runs, sink=sink, by_mode=by_mode)
# --- end tracing scenario ---
for key in selected:
    if key in ("mail", "pages", "subscriptions", "tracing"):
        continue
    if key not in NAMES:
        problems.append(f"unknown scenario '{key}'")
        continue
    for c in concurrency:
        f = runs.get(key, {}).get(c)
        if f is None:
            problems.append(f"scenario '{key}': no run at {c} connections")
            continue
        where = f"scenario '{key}' at {c} connections"
        if not number(f, "rps", where) > 0 or not number(f, "requests", where) > 0:
            problems.append(f"{where}: no requests served ({f})")
        if number(f, "errors", where) != 0:
            problems.append(f"{where}: {f.get('errors')} errors ({f.get('codes', '?')})")
        number(f, "p50_ms", where), number(f, "p99_ms", where)
    if key not in measures:
        problems.append(f"scenario '{key}': no per-request figures (dotnet-counters)")
    elif not measures[key][1] > 0:
        problems.append(f"scenario '{key}': no allocations counted")
for key in runs:
    if key not in selected:
        problems.append(f"results for scenario '{key}', which was not selected")
seed_lines = [fields(x) for x in read("seed.txt") if x.startswith("SEED")]
if not seed_lines:
    problems.append("no SEED lines: the data set was not loaded")
if not [x for x in read("rebuild.txt") if x.startswith("REBUILD")]:
    problems.append("no REBUILD line: the projection was not rebuilt")
if not read("startups.txt"):
    problems.append("no start-up times")
if not read("startups-deployed.txt"):
    problems.append("no start-up times with the schema applied by db-apply")
if "baseline-signups" in selected and not signup_check:
    problems.append("the sign-up integrity check did not run")
if "signups" in selected:
    if not signup_check:
        problems.append("the sign-up integrity check did not run")
    if not read("lag.txt"):
        problems.append("the projection's lag after the sign-ups was not measured")
expected_pages = {k for k in ("campaign", "articles") if k in selected}
seen_pages = {item.split(":")[0] for item in pages.split()}
if expected_pages - seen_pages:
    problems.append(f"round trips by page size missing for {', '.join(sorted(expected_pages - seen_pages))}")
for value, what in ((idle_rss, "idle memory"), (load_rss, "memory under load")):
    if not value.isdigit() or int(value) == 0:
        problems.append(f"no {what} figure ({value!r})")
if problems:
    print("bench/report.py: not writing a report with figures missing:", file=sys.stderr)
    for p in problems:
        print("  - " + p, file=sys.stderr)
    sys.exit(1)

out = []
w = out.append
w("# Benchmark results\n")
if smoke == "1":
    w("**Smoke run** (`BENCH_SMOKE=1`): a tiny data set and 1-second runs, to check that every part of the "
      "benchmark works. The figures mean nothing.\n")
w(f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `build/bench.sh` on {os.cpu_count()} cores "
  f"(load generator, host and PostgreSQL 15 on the same machine, fsync off), {total_s} s in all. "
  f"wrk on loopback, {seconds} s per run; host in Release with pre-generated Wolverine code.\n")

w("## Data set\n")
w("| Part | Events | Seconds | Events/s |")
w("|---|---:|---:|---:|")
total_events = total_seconds = 0.0
for line in read("seed.txt"):
    if not line.startswith("SEED"):
        continue
    f = fields(line)
    total_events += int(f["events"])
    total_seconds += float(f["seconds"])
    rate = f"{int(f['events_per_second']):,}" if int(f["events"]) else "(documents)"
    w(f"| {f['part'].strip(chr(34))} | {int(f['events']):,} | {f['seconds']} | {rate} |")
w(f"| **all** | {int(total_events):,} | {total_seconds:.1f} | {total_events / max(total_seconds, 0.001):,.0f} |\n")
w(f"{int(members):,} members in {branches} branches, {int(campaigns):,} campaigns with {int(campaigns) * 20:,} actions and "
  f"{int(signups):,} sign-ups, {int(articles):,} published articles; Campaigns' and Content's copies of every member; "
  f"{int(accounts):,} member accounts for the sign-up scenario.\n")

baseline = runs.get("baseline", {})
w("## Scenarios\n")
w("Throughput relative to the plain-Npgsql baseline of the campaign page at the same number of connections "
  "(scenario 4, `signUpForAction`, relative to the plain-Npgsql sign-up baseline when it ran: the same rules, the same rows "
  "written in one transaction, two round trips and the commit, no token check and no GraphQL) "
  "(the baseline reads the same rows and writes the same JSON as scenario 1).\n")
w("| Scenario | Connections | Requests/s | × baseline | p50 ms | p99 ms | Errors |")
w("|---|---:|---:|---:|---:|---:|---:|")
for key, name in NAMES.items():
    for c, f in sorted(runs.get(key, {}).items()):
        base = baseline.get(c)
        # sign-ups: against the sign-up baseline (when it ran), not the campaign page's
        if key == "signups" and runs.get("baseline-signups"):
            base = runs["baseline-signups"].get(c)
        ratio = f"{float(f['rps']) / float(base['rps']):.2f}" if base and not key.startswith("baseline") else ""
        w(f"| {name} | {c} | {float(f['rps']):,.0f} | {ratio} | {f['p50_ms']} | {f['p99_ms']} | {f['errors']} |")
w("")

w("## Per request\n")
w(f"Counted by `dotnet-counters` in the process that serves the scenario (the host, or the baseline) over {measure_seconds} s with one connection: Npgsql's `total-commands` "
  "(a batch of statements is one round trip) and the runtime's `dotnet.gc.heap.total_allocated`, divided by the "
  "requests served. The idle host's background work (Wolverine's durability agent) is included: "
  "well under one round trip and about 130 KB per second.\n")
w("| Scenario | SQL round trips | KB allocated |")
w("|---|---:|---:|")
for key, name in NAMES.items():
    if key in measures:
        c, a = measures[key]
        w(f"| {name} | {c:.2f} | {a / 1024:,.1f} |")
w("")
page = {}
for item in pages.split():
    kind, first, c = item.split(":")
    page.setdefault(kind, {})[int(first)] = float(c)
if page:
    w("Round trips by page size: " + "; ".join(
        f"{kind} " + ", ".join(f"first {n}: {v:.2f}" for n, v in sorted(sizes.items())) for kind, sizes in page.items()) + ".\n")

startups = [int(x) for x in read("startups.txt")]
w("## Host\n")
w(f"Start-up to the first answered query (process start to a `{{ branches {{ id }} }}` answer, {len(startups)} start{'s' if len(startups) != 1 else ''}): "
  f"{', '.join(f'{s:,} ms' for s in startups)}; median {statistics.median(startups):,.0f} ms.  ")
w(f"Resident memory: {idle_rss} MB idle after start-up, {load_rss} MB after every scenario.\n")
# --- start-up section (issue 20): CPU time to the first answer and the parts of the resident set.
startup_cpu = [int(x) for x in read("startups-cpu.txt")]
if startup_cpu:
    w(f"CPU time the host used to its first answer (user + system, all threads; less disturbed than the wall clock "
      f"by other work on the machine): {', '.join(f'{c:,} ms' for c in startup_cpu)}; median {statistics.median(startup_cpu):,.0f} ms.  ")
memory_parts = {x.split()[0]: dict(p.split(":") for p in x.split()[1:]) for x in read("memory.txt") if x.split()}
if memory_parts:
    w("Memory in MB (from smaps_rollup; Pss_Shmem is mostly the runtime's double-mapped code and type data, "
      "Pss_File the mapped assemblies, Pss_Anon the GC heap and native allocations): "
      + "; ".join(f"{at}: " + ", ".join(f"{k} {v}" for k, v in parts.items()) for at, parts in memory_parts.items()) + ".\n")
deployed = [int(x) for x in read("startups-deployed.txt")]
deployed_cpu = [int(x) for x in read("startups-deployed-cpu.txt")]
if deployed:
    w(f"With the schema applied by the deployment (`db-apply`, then `Database:ApplySchemaOnStartup=false`: no store compares "
      f"its schema with PostgreSQL at start): {', '.join(f'{s:,} ms' for s in deployed)}; median {statistics.median(deployed):,.0f} ms"
      + (f"; CPU {', '.join(f'{c:,} ms' for c in deployed_cpu)}, median {statistics.median(deployed_cpu):,.0f} ms" if deployed_cpu else "") + ".  \n")
# The assemblies the host's project leaves out of ReadyToRun (PublishReadyToRunExclude): the host must not load them.
if os.path.exists(os.path.join(work, "not-precompiled-loaded.txt")):
    loaded = read("not-precompiled-loaded.txt")
    w("Assemblies left out of ReadyToRun (Roslyn's) that the host had loaded after every scenario: "
      + (", ".join(loaded) + " (they ran on the JIT: put them back into ReadyToRun)" if loaded else "none") + ".\n")
# --- end of the start-up section

w("## Asynchronous projection\n")
rebuild = [fields(x) for x in read("rebuild.txt") if x.startswith("REBUILD")]
if rebuild:
    r = rebuild[0]
    w(f"Rebuild of `{r['projection']}` (campaign activity per day) from the whole Campaigns event store: "
      f"{int(r['events']):,} events in {r['seconds']} s, **{int(r['events_per_second']):,} events/s**.  ")
lag = read("lag.txt")
if lag:
    behind, ms = lag[0].split()
    w(f"Lag after the sign-up scenario: {int(behind):,} events behind when the load stopped, current again {int(ms):,} ms later.\n")
else:
    w("")

# --- subscriptions scenario: report section ---
if subs:
    secs = float(subs["wall_ms"]) / 1000
    w("## Live progress to WebSocket subscribers\n")
    w(f"{int(subs['subscribers']):,} WebSockets (graphql-transport-ws, anonymous, from one client process on loopback) subscribed to one campaign's "
      f"`campaignProgress` while {int(subs['ok']):,} members signed up for its actions over HTTP at {subs['rate']}/s "
      f"(after {int(subs['warmup']):,} unmeasured ones at the same rate) "
      f"(achieved {subs['achieved_rate']}/s; `signUpForAction` p50 {subs['mutation_p50_ms']} ms, p99 {subs['mutation_p99_ms']} ms; "
      f"{int(subs['retries']):,} sent again after a CONFLICT answer). "
      "Delivery latency: from the k-th sign-up's answer reaching the client (by then k sign-ups have committed) to each subscriber's "
      "first value with at least k new sign-ups, per subscriber and sign-up (a value covering several sign-ups counts for each; "
      f"a value that came before the answer counts as 0: {int(subs['early']):,} of {int(subs['samples']):,}). "
      f"Subscribers connected in {int(subs['connect_ms']):,} ms.\n")
    w("| Subscribers | Sign-ups/s | p50 ms | p90 ms | p99 ms | max ms | Values per subscriber during them (avg, min–max) | Messages | Ended on the final count |")
    w("|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    w(f"| {int(subs['subscribers']):,} | {subs['rate']} | {subs['p50_ms']} | {subs['p90_ms']} | **{subs['p99_ms']}** | {subs['max_ms']} | "
      f"{subs['deliveries_avg']} ({subs['deliveries_min']}–{subs['deliveries_max']}) | {int(subs['messages']):,} | {subs['final_ok']} of {subs['subscribers']} |\n")
    w(f"CPU from the first sign-up until every subscriber had the final count ({secs:,.1f} s): the host "
      f"{int(subs['host_cpu_ms']) / 1000:,.1f} s ({subs['host_cpu_pct']}% of one core), the subscribers' client {int(subs['client_cpu_ms']) / 1000:,.1f} s "
      f"({subs['client_cpu_pct']}%); load average before and after: {' / '.join(' '.join(x.split()[:3]) for x in subs_load)}.\n")
    # build/bench.sh's dotnet-counters of the host meanwhile (subscriptions-host.txt: key=value)
    host_during = dict(kv.split("=", 1) for line in read("subscriptions-host.txt") for kv in line.split())
    if host_during:
        w(f"The host meanwhile (dotnet-counters, from the subscribers' connecting to their closing): its thread pool's queue at most "
          f"{host_during['queue_max']} work items, {host_during['pool_threads_added']} pool threads added, {host_during['os_threads']} "
          f"threads in all; {host_during['lock_contentions']} lock contentions; {host_during['gc_pause_ms']} ms of GC pauses.\n")
# --- end subscriptions scenario: report section ---

# --- tracing scenario: report section ---
if tracing:
    def cpu_us(f):
        return float(f["host_cpu_ms"]) * 1000 / float(f["requests"])
    off = statistics.mean(float(f["rps"]) for f in tracing["by_mode"]["off"])
    on = statistics.mean(float(f["rps"]) for f in tracing["by_mode"]["on"])
    cpu_off = statistics.mean(cpu_us(f) for f in tracing["by_mode"]["off"])
    cpu_on = statistics.mean(cpu_us(f) for f in tracing["by_mode"]["on"])
    tracing["cost"] = 1 - on / off
    tracing["cpu_cost"] = cpu_on / cpu_off - 1
    w("## The cost of tracing\n")
    w("Scenario 1 (the campaign page) at 16 connections with tracing off (no exporter configured), on the host that "
      "served every scenario, and on, on a second node started beside it on the same database (`Cluster:Mode=Balanced`; "
      "`OpenTelemetry:Endpoint` set: spans and metrics over OTLP/HTTP to a stand-in collector on loopback, "
      "`bench/WorkersPower.Bench/OtlpSink.cs`, which reads each export whole and answers as a collector does; "
      "`OpenTelemetry:SamplingRatio` 0.1) and warmed as a host's first scenario is (`BENCH_FIRST_WARMUP`); then the two "
      "measured in turn, round by round. "
      f"The collector took {int(float(tracing['sink']['requests'])):,} exports ({float(tracing['sink']['bytes']) / 1024:,.0f} KB).\n")
    w("| Round | Tracing | Requests/s | p50 ms | p99 ms | Host CPU per request, µs |")
    w("|---:|---|---:|---:|---:|---:|")
    for m, r, f in tracing["runs"]:
        w(f"| {r} | {m} | {float(f['rps']):,.0f} | {f['p50_ms']} | {f['p99_ms']} | {cpu_us(f):,.0f} |")
    w("")
    pairs = [(float(on_f["rps"]) / float(off_f["rps"]) - 1) * 100 for off_f, on_f in zip(tracing["by_mode"]["off"], tracing["by_mode"]["on"])]
    w(f"Mean throughput off {off:,.0f}/s, on {on:,.0f}/s: tracing costs **{tracing['cost'] * 100:.1f}%** of it "
      f"(round by round, on against off: {', '.join(f'{p:+.1f}%' for p in pairs)}). The host's CPU time per request, off "
      f"{cpu_off:,.0f} µs, on {cpu_on:,.0f} µs ({tracing['cpu_cost'] * 100:+.1f}%). On two cores shared by wrk, the host and "
      "PostgreSQL (and whatever else the machine runs) one run differs from the next by up to a fifth with the same settings, "
      "in throughput and in CPU per request alike: a cost of a few percent shows only as the mean of several rounds "
      "(`BENCH_TRACING_ROUNDS`).\n")
# --- end tracing scenario: report section ---

if mail:
    w("## An organisers' message by email\n")
    w(f"`sendMessageToMembers` from an admin to a branch of {mail['members']:,} members who accept email, on the host restarted "
      f"with mail on (`Mail:Smtp:Connections` = {mail['connections']}), delivered over SMTP on loopback to the local catcher "
      f"(`tools/MailCatcher`, each mail an .eml file; same machine). The mutation answered in {mail['answer_ms']:,} ms "
      f"(the message and one queued mail per member, in one transaction); every mail was in the catcher's directory "
      f"**{mail['delivery_ms'] / 1000:,.1f} s** after the answer ({mail['members'] / max(mail['delivery_ms'] / 1000, 0.001):,.0f} mails/s), "
      f"and no more followed. CPU time from the send to the last mail: the host {mail['host_cpu'] / 1000:,.1f} s "
      f"({mail['host_cpu'] / max(mail['members'], 1):.1f} ms a mail), the catcher {mail['catcher_cpu'] / 1000:,.1f} s.\n")

if page_loads:
    w("## Web pages in chromium\n")
    w(f"The web client's campaign page (`{next(f['path'] for f in page_loads if f['page'] == 'campaign')}`) and newest article "
      f"(`{next(f['path'] for f in page_loads if f['page'] == 'article')}`) of build/run.sh's demo data, served by a second host "
      "(Release, on a database of its own, Demo:Seed on) and opened on loopback in Debian's chromium, headless, at 1280×800 "
      "(`tests/conformance/pages-bench.mjs`): with a cold cache (a new browser context each time) and a warm one (the same "
      "context, after one unmeasured load). Milliseconds from the navigation's start, by the browser's own clock: the "
      "document's last byte (`responseEnd`), `DOMContentLoaded` handled (the scripts have run), and the frame in which the "
      "main heading shows the page's title, which arrives with the rest of its data in one query (**shown**: the page is usable).\n")
    w("| Page | Cache | Loads | Shown median | Shown p95 | DOMContentLoaded median | p95 | Document median | p95 |")
    w("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for f in page_loads:
        w(f"| {f['page']} | {f['cache']} | {int(float(f['runs']))} | **{float(f['shown_median']):,.0f}** | {float(f['shown_p95']):,.0f} | "
          f"{float(f['dcl_median']):,.0f} | {float(f['dcl_p95']):,.0f} | {float(f['response_median']):,.0f} | {float(f['response_p95']):,.0f} |")
    w("")

acknowledged = 0
best_signups = 0.0
for raw in read("all-runs.txt"):
    key, c, line = raw.split("|", 2)
    if key in ("signups", "baseline-signups"):
        f = fields(line)
        acknowledged += int(f["answered"]) - int(f["errors"])
for f in runs.get("signups", {}).values():
    best_signups = max(best_signups, float(f["rps"]))
if signup_check:
    stored, duplicates, counted, events = (int(x) for x in signup_check.split("|"))
    w("## Sign-ups kept exactly once\n")
    w(f"Acknowledged sign-ups (answered without errors, every run, scenario 4 and the sign-up baseline): {acknowledged:,}; SignedUpForAction events stored "
      f"during the runs: {stored:,} (requests still in flight when wrk stops may be stored unanswered); "
      f"a member signed up twice for one action: {duplicates}; sign-up counts on the actions {counted:,} "
      f"= events in the store {events:,}: {'yes' if counted == events else 'NO'}.\n")

# Where the run's time went: build/bench.sh's phases (name|start, in seconds since the epoch), each until the next.
phases = [line.rsplit("|", 1) for line in read("phases.txt")]
if len(phases) > 1:
    w("## Where the run's time went\n")
    w("| Phase | Seconds | Share |")
    w("|---|---:|---:|")
    spent = [(name, int(phases[i + 1][1]) - int(start)) for i, (name, start) in enumerate(phases[:-1])]
    whole = max(sum(s for _, s in spent), 1)
    for name, seconds in spent:
        w(f"| {name} | {seconds:,} | {seconds * 100 / whole:.0f}% |")
    w(f"| **all** | {whole:,} | |")
    w("")
    # build/bench.sh's quiet_machine: before each scenario, the wait until the machine was at most 10 % busy for a second.
    quiet = [line.split("|") for line in read("quiet.txt")]
    if quiet:
        waited = sum(int(ms) for _, ms, _ in quiet) / 1000
        longest = max(quiet, key=lambda q: int(q[1]))
        noisy = [q[0] for q in quiet if int(q[2]) > 10]
        w(f"Before each scenario the run waited until the machine was at most 10 % busy for a second: {waited:.0f} s in all, "
          f"the longest {int(longest[1]) / 1000:.1f} s (before '{longest[0]}'). "
          + (f"Still busier than that after 20 s: {', '.join(noisy)}.\n" if noisy else "Each time it became quiet.\n"))

w("## Against the goals\n")
w("The goals of issue 20 (performance, round two), then the earlier ones that still hold. Ratios are to the plain-Npgsql "
  "baseline at the same number of connections.\n")
w("| Goal | Measured | Met |")
w("|---|---|---|")
def row(target, measured, met):
    w(f"| {target} | {measured} | {'yes' if met else '**no**'} |")
def ratios(key, base):
    """Throughput of a scenario over its baseline's, at each connection count both ran."""
    return {c: float(f["rps"]) / float(base[c]["rps"]) for c, f in sorted(runs.get(key, {}).items()) if c in base}
def ratio_row(target, key, base, goal):
    r = ratios(key, base)
    if r:
        row(target, " / ".join(f"{v:.2f}" for v in r.values()) + f" at {' / '.join(str(c) for c in r)} connections", min(r.values()) >= goal)
ratio_row("Campaign page (scenario 1) ≥ 0.80 of the baseline at each connection count", "campaign", baseline, 0.80)
for c in (1, 16):
    cf, bf = runs.get("campaign", {}).get(c), baseline.get(c)
    if cf and bf:
        x = float(cf["p99_ms"]) / float(bf["p99_ms"])
        row(f"Campaign page p99 ≤ 1.2× the baseline's at {c} connection{'s' if c > 1 else ''}", f"{cf['p99_ms']} vs {bf['p99_ms']} ms ({x:.2f}×)", x <= 1.2)
if "campaign" in measures:
    row("Allocations per campaign page ≤ 50 KB", f"{measures['campaign'][1] / 1024:,.1f} KB", measures["campaign"][1] <= 50 * 1024)
ratio_row("`articles(first: 20)` ≥ 0.60 of the baseline", "articles", baseline, 0.60)
ratio_row("`members(filter: {search})` ≥ 0.75 of the baseline", "members", baseline, 0.75)
# --- members-asof scenario (issue 22): every answer under 50 ms, read as the slowest answer at the lowest connection count
asof = runs.get("members-asof", {})
if asof:
    c = min(asof)
    f = asof[c]
    worst = float(f.get("max_ms", f["p99_ms"]))
    row(f"`membersAsOf` for a branch of {int(members) // int(branches):,} members at {int(members):,} members: every answer < 50 ms",
        f"max {worst:,.1f} ms, p99 {float(f['p99_ms']):,.1f} ms, p50 {float(f['p50_ms']):,.1f} ms at {c} connection{'s' if c > 1 else ''}"
        + "".join(f"; p99 {float(g['p99_ms']):,.1f} ms at {k}" for k, g in sorted(asof.items()) if k != c), worst < 50)
# --- end members-asof scenario
if runs.get("signups"):
    row("`signUpForAction` ≥ 1,200 per second", f"{best_signups:,.0f}/s (best of the connection counts)", best_signups >= 1200)
signup_baseline = runs.get("baseline-signups", {})
if signup_baseline:
    ratio_row("`signUpForAction` ≥ 0.5 of the plain-Npgsql sign-up baseline", "signups", signup_baseline, 0.5)
if "signups" in measures:
    row("SQL round trips per sign-up ≤ 3", f"{measures['signups'][0]:.2f}", measures["signups"][0] <= 3)
if startups:
    row("Start-up to the first answered query < 1.5 s (the schema compared at start, the default)", f"{statistics.median(startups):,.0f} ms (median)", statistics.median(startups) < 1500)
if deployed:
    row("Start-up to the first answered query < 1.5 s (the schema applied by the deployment: db-apply)", f"{statistics.median(deployed):,.0f} ms (median)", statistics.median(deployed) < 1500)
row("Resident memory idle < 120 MB", f"{idle_rss} MB", int(idle_rss) < 120)
row("Resident memory after every scenario < 250 MB", f"{load_rss} MB", int(load_rss) < 250)
if subs:
    # p99 means something only when the asked rate was reached and the sign-ups were answered promptly: both shown.
    met = float(subs["p99_ms"]) < 250 and float(subs["achieved_rate"]) >= 0.95 * float(subs["rate"])
    row(f"{int(float(subs['subscribers'])):,} subscribers of one campaign, {float(subs['rate']):,.0f} sign-ups/s: delivery p99 < 250 ms, host CPU reported",
        f"p99 {float(subs['p99_ms']):,.0f} ms at {float(subs['achieved_rate']):,.0f} sign-ups/s achieved (answers p50 {float(subs['mutation_p50_ms']):,.0f} ms); "
        f"host CPU {subs['host_cpu_pct']}% of one core", met)
if signup_check:
    row("No sign-up lost or duplicated", f"{duplicates} duplicated; counts {'match' if counted == events else 'differ'}; "
        f"stored {stored:,} ≥ acknowledged {acknowledged:,}", duplicates == 0 and counted == events and stored >= acknowledged)
for kind, sizes in page.items():
    values = sorted(sizes.items())
    row(f"Round trips constant in page size ({kind})", " vs ".join(f"{v:.2f}" for _, v in values),
        abs(values[-1][1] - values[0][1]) < 0.5)
for f in page_loads:
    row(f"The {f['page']} page usable within 1 s on loopback ({f['cache']} cache, p95 of shown)", f"{float(f['shown_p95']):,.0f} ms",
        float(f["shown_p95"]) < 1000)
if tracing:
    row("Tracing on (10% sampled, OTLP) costs < 5% of scenario 1's throughput",
        f"{tracing['cost'] * 100:.1f}% (16 connections, mean of {len(tracing['by_mode']['on'])} round(s); host CPU per request {tracing['cpu_cost'] * 100:+.1f}%)",
        tracing["cost"] < 0.05)
if mail:
    row(f"A message to {mail['members']:,} members delivered in < 2 minutes ({os.cpu_count()} cores, {mail['connections']} SMTP connections)",
        f"{mail['delivery_ms'] / 1000:,.1f} s", mail["delivery_ms"] < 120_000)
if smoke != "1":
    row("The whole benchmark in under 15 minutes", f"{int(total_s) / 60:,.1f} minutes", int(total_s) < 900)
w("")

# What the figures mean: the profiles, what was changed and tried, and what each unmet goal would need. Written by
# hand in bench/analysis/*.md (kept in the repository, so a new run does not lose them), appended in name order.
analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis")
if os.path.isdir(analysis):
    for name in sorted(os.listdir(analysis)):
        if name.endswith(".md"):
            w(open(os.path.join(analysis, name)).read().rstrip() + "\n")
print("\n".join(out))
