# Adds to build/run.sh's demo data the cases issue 22's migration must carry (see Migration/README.md).
import json, sys, urllib.request, datetime
URL = sys.argv[1]
def gql(query, variables=None, token=None):
    req = urllib.request.Request(URL, data=json.dumps({"query": query, "variables": variables or {}}).encode(),
        headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    body = json.load(urllib.request.urlopen(req))
    if body.get("errors"): raise SystemExit(json.dumps(body["errors"]))
    return body["data"]
def ok(data, field):
    errs = data[field].get("errors") or []
    if errs: raise SystemExit(field + ": " + json.dumps(errs))
    return data[field]
def sign_in(email, password):
    return ok(gql("mutation($i: SignInInput!) { signIn(input: $i) { accessToken errors { code message } } }", {"i": {"email": email, "password": password}}), "signIn")["accessToken"]
admin = sign_in("admin@demo.workerspower.org", "ada-demo-pass-2026")
olu = sign_in("organiser@demo.workerspower.org", "olu-demo-pass-2026")
mo = sign_in("member@demo.workerspower.org", "mo-demo-pass-2026")
# 1. an application without a branch, pending
ok(gql("mutation($i: ApplyForMembershipInput!) { applyForMembership(input: $i) { application { id } errors { code message } } }", {"i": {
    "acceptsProgramme": True, "consentToContact": True, "contribution": {"amount": "8.00", "currency": "GBP"}, "contributionFrequency": "MONTHLY",
    "email": "no.branch.yet@example.org", "givenName": "Noor", "familyName": "Branchless", "postcode": "N7 6PA", "interests": ["palestine"]}}), "applyForMembership")
# 2. roles: a treasurer and an editor granted; an organiser granted then revoked
members = gql("{ members(first: 30) { nodes { id givenName familyName roles branch { id name } } } }", token=admin)["members"]["nodes"]
plain = [m for m in members if m["roles"] == ["MEMBER"] and m["givenName"] != "Mo"]
treasurer, editor, former, moved = plain[0], plain[1], plain[2], plain[3]
for who, role in [(treasurer, "TREASURER"), (editor, "EDITOR"), (former, "ORGANISER")]:
    ok(gql("mutation($i: RoleChangeInput!) { grantRole(input: $i) { errors { code message } } }", {"i": {"memberId": who["id"], "role": role}}, admin), "grantRole")
ok(gql("mutation($i: RoleChangeInput!) { revokeRole(input: $i) { errors { code message } } }", {"i": {"memberId": former["id"], "role": "ORGANISER"}}, admin), "revokeRole")
# 3. consents: Mo changes their communication preferences
ok(gql("mutation($i: UpdateMyCommunicationPreferencesInput!) { updateMyCommunicationPreferences(input: $i) { errors { code message } } }",
    {"i": {"email": True, "sms": True, "post": False}}, mo), "updateMyCommunicationPreferences")
# 4. a member moved to another branch, with a reason
branches = gql("{ branches { id name } }")["branches"]
other = next(b for b in branches if b["id"] != moved["branch"]["id"])
ok(gql("mutation($i: TransferMemberInput!) { transferMember(input: $i) { errors { code message } } }",
    {"i": {"memberId": moved["id"], "branchId": other["id"], "reason": "Moved for work"}}, admin), "transferMember")
# 5. a campaign launched by the organiser, an action they scheduled, and one an admin scheduled
c = ok(gql("mutation($i: LaunchCampaignInput!) { launchCampaign(input: $i) { campaign { id } errors { code message } } }",
    {"i": {"title": "Migration check campaign", "summary": "Launched by Olu before grants existed.", "goal": 40}}, olu), "launchCampaign")["campaign"]["id"]
starts = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=5)).replace(microsecond=0)
for token, title in [(olu, "Olu's picket"), (admin, "Ada's stall")]:
    ok(gql("mutation($i: ScheduleActionInput!) { scheduleAction(input: $i) { action { id } errors { code message } } }", {"i": {
        "campaignId": c, "kind": "PICKET", "title": title, "startsAt": starts.isoformat(), "endsAt": (starts + datetime.timedelta(hours=2)).isoformat(),
        "location": "The depot gates"}}, token), "scheduleAction")
print("seeded: treasurer", treasurer["givenName"], "editor", editor["givenName"], "revoked", former["givenName"], "moved", moved["givenName"])
