"""A job as AWX and Automation Platform run it, against the emulator.

AWX hands a job to ansible-runner as a private data directory: the project with the playbook,
env/envvars with what the job's credentials inject, env/extravars with the survey's answers.
These tests build that directory from the files a user imports into AWX (the credential type
docs/awx/uipath_credential_type.json, the survey docs/awx/awx_remove_users.survey.json) and run
playbooks/awx_remove_users.yml with the real ansible-runner, as AWX's job template would.
"""

import glob
import json
import os
import re
import shutil
import subprocess

import jsonschema
import pytest
import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from support import ANN_ID, BIN, BOB_ID, CLIENT_ID, CLIENT_SECRET, FULL_TOKEN, ORG, PARTITION, REPO, mutating

AWX_DOCS = os.path.join(REPO, "docs", "awx")
CREDENTIAL_TYPE = os.path.join(AWX_DOCS, "uipath_credential_type.json")
SURVEY = os.path.join(AWX_DOCS, "awx_remove_users.survey.json")
PLAYBOOK = os.path.join(REPO, "playbooks", "awx_remove_users.yml")
FIELDS = ("url", "organization", "deployment", "identity_url", "client_id", "client_secret", "access_token", "partition_global_id")
SECRETS = ("client_secret", "access_token")
TWIN_ID = "7c0d1e2f-3a4b-4c5d-8e6f-708192a3b4c5"
NAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")

# What AWX's API accepts for a custom credential type (its CredentialTypeInputField and
# CredentialTypeInjectorField), restated for the parts this collection uses.
CREDENTIAL_TYPE_SCHEMA = {
    "type": "object",
    "required": ["name", "kind", "inputs", "injectors"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "kind": {"enum": ["cloud", "net"]},
        "inputs": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "required": {"type": "array", "items": {"type": "string"}},
                "fields": {"type": "array", "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "label"],
                    "properties": {
                        "id": {"type": "string", "pattern": NAME.pattern},
                        "label": {"type": "string"},
                        "type": {"enum": ["string", "boolean"]},
                        "format": {"enum": ["ssh_private_key", "url"]},
                        "choices": {"type": "array", "minItems": 1, "items": {"type": "string"}, "uniqueItems": True},
                        "help_text": {"type": "string"},
                        "multiline": {"type": "boolean"},
                        "secret": {"type": "boolean"},
                        "ask_at_runtime": {"type": "boolean"},
                        "default": {},
                    },
                }},
            },
        },
        "injectors": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "env": {"type": "object", "additionalProperties": False,
                        "patternProperties": {NAME.pattern: {"type": "string", "pattern": "^[\\x00-\\x7F]*$"}}},
                "extra_vars": {"type": "object", "additionalProperties": False,
                               "patternProperties": {NAME.pattern: {"type": "string"}}},
                "file": {"type": "object"},
            },
        },
    },
}


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def inject(credential_type, inputs):
    """The environment AWX gives a job for a credential of this type: each env injector rendered
    in a sandbox with the credential's inputs, an input left unset rendering as an empty string."""
    sandbox = ImmutableSandboxedEnvironment()
    return dict((name, sandbox.from_string(template).render(**inputs))
                for name, template in credential_type["injectors"]["env"].items())


def module_doc(ansible, module):
    run = subprocess.run([os.path.join(BIN, "ansible-doc"), "-j", module], env=ansible.env(),
                         capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(run.stdout)[module]["doc"]


def test_credential_type_is_one_awx_accepts_and_sets_what_the_modules_read(ansible):
    credential_type = load_json(CREDENTIAL_TYPE)
    jsonschema.validate(credential_type, CREDENTIAL_TYPE_SCHEMA)
    fields = dict((field["id"], field) for field in credential_type["inputs"]["fields"])
    assert tuple(fields) == FIELDS
    assert sorted(name for name, field in fields.items() if field.get("secret")) == sorted(SECRETS)
    for field in fields.values():
        if "default" in field:
            assert field["default"] in field.get("choices", [field["default"]])

    env = credential_type["injectors"]["env"]
    assert env == dict(("UIPATH_" + name.upper(), "{{ %s }}" % name) for name in FIELDS)
    assert not [name for name in env if name.startswith("ANSIBLE_")]
    # AWX renders every template against the defined fields and refuses one naming anything else.
    strict = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for template in env.values():
        strict.from_string(template).render(**dict((name, "EXAMPLE") for name in fields))

    # Every variable it sets is one that every module reads, under the option of the same name; the token
    # module, which gets a token, reads all but UIPATH_ACCESS_TOKEN, and takes no access_token at all.
    for module in ("uipath.identity.user", "uipath.identity.user_info", "uipath.identity.token"):
        options = module_doc(ansible, module)["options"]
        for name in FIELDS:
            if module == "uipath.identity.token" and name == "access_token":
                assert name not in options
                continue
            assert "E(UIPATH_%s)" % name.upper() in " ".join(options[name]["description"]), (module, name)
        assert fields["deployment"]["choices"] == options["deployment"]["choices"]


def test_survey_answers_the_playbooks_variables():
    survey = load_json(SURVEY)
    with open(PLAYBOOK, encoding="utf-8") as handle:
        play_vars = yaml.safe_load(handle)[0]["vars"]
    questions = dict((question["variable"], question) for question in survey["spec"])
    assert sorted(questions) == ["dry_run", "max_users", "users_to_remove"]
    for variable, question in questions.items():
        assert question["type"] in ("text", "textarea", "password", "integer", "float", "multiplechoice", "multiselect")
        assert question["question_name"] and isinstance(question["required"], bool)
        # The survey's default is the playbook's, so a run without the survey behaves the same.
        assert question["default"] == play_vars[variable], variable
    assert questions["dry_run"]["choices"] == ["yes", "no"] and questions["dry_run"]["default"] == "yes"


class Job(object):
    """A job run by ansible-runner in a private data directory, as AWX runs a job template."""

    def __init__(self, ansible, tmp_path, credential_inputs, survey_answers):
        self.ansible = ansible
        self.data = tmp_path / "private_data_dir"
        os.makedirs(str(self.data / "project"))
        os.makedirs(str(self.data / "inventory"))
        os.makedirs(str(self.data / "env"))
        shutil.copy(PLAYBOOK, str(self.data / "project"))
        # AWX's default inventory holds localhost like this; the play runs there in any case.
        (self.data / "inventory" / "hosts").write_text(
            'localhost ansible_connection=local ansible_python_interpreter="{{ ansible_playbook_python }}"\n')
        self.envvars = inject(load_json(CREDENTIAL_TYPE), credential_inputs)
        (self.data / "env" / "envvars").write_text(yaml.safe_dump(self.envvars))
        # A survey's answers reach the playbook as extra vars; AWX adds its own, tower_* and awx_*.
        extravars = dict(survey_answers, awx_job_id=1, awx_job_template_name="Remove UiPath users")
        (self.data / "env" / "extravars").write_text(yaml.safe_dump(extravars))
        (self.data / "env" / "settings").write_text(yaml.safe_dump({"job_timeout": 240, "suppress_ansible_output": False}))

    def run(self):
        # The job's environment holds no UIPATH_* variable but what the credential injects.
        command = [os.path.join(BIN, "ansible-runner"), "run", str(self.data), "--playbook", "awx_remove_users.yml",
                   "--ident", "1"]
        run = subprocess.run(command, env=self.ansible.env(), capture_output=True, text=True, check=False, timeout=300)
        self.output = run.stdout + run.stderr
        self.artifacts = self.data / "artifacts" / "1"
        self.status = self.read("status")
        self.rc = self.read("rc")
        # The line an AWX job's details show, as ansible-runner wrote it into the artifacts.
        print("ansible-runner: status=%s rc=%s (%s)" % (self.status, self.rc, os.path.relpath(str(self.artifacts), str(self.data))))
        return self

    def read(self, name):
        path = self.artifacts / name
        return path.read_text().strip() if path.exists() else None

    def events(self):
        found = []
        for path in glob.glob(str(self.artifacts / "job_events" / "*.json")):
            with open(path, encoding="utf-8") as handle:
                found.append(json.load(handle))
        return sorted(found, key=lambda event: event["counter"])

    def artifact_data(self):
        """What set_stats published: the job's artifacts in AWX."""
        stats = [event for event in self.events() if event["event"] == "playbook_on_stats"]
        assert len(stats) == 1, self.output
        return stats[0]["event_data"].get("artifact_data", {})

    def assert_no_secret(self, *secrets):
        """Job output and events are visible to everyone who can see the job: no secret may be in them."""
        texts = [self.read("stdout") or ""] + [json.dumps(event) for event in self.events()]
        for secret in secrets:
            assert not [text for text in texts if secret in text], "a secret leaked into the job's output or events"


def app_credential(emu):
    return dict(url=emu.url, organization=ORG, client_id=CLIENT_ID, client_secret=CLIENT_SECRET,
                partition_global_id=PARTITION, deployment="cloud")


def test_job_template_removes_the_users_named_in_the_survey(ansible, emu, tmp_path):
    answers = dict(users_to_remove="ann@example.com\n%s\r\n\n# left in by mistake\nnobody@example.com\n" % BOB_ID.upper(),
                   dry_run="no", max_users=10)
    job = Job(ansible, tmp_path, app_credential(emu), answers)
    # Inputs left unset (here the access token) are injected as empty strings, as AWX does.
    assert job.envvars["UIPATH_ACCESS_TOKEN"] == "" and job.envvars["UIPATH_CLIENT_ID"] == CLIENT_ID
    job.run()
    assert (job.status, job.rc) == ("successful", "0"), job.output
    assert emu.user(ORG, ANN_ID) is None and emu.user(ORG, BOB_ID) is None
    assert [r["method"] for r in mutating(emu)] == ["DELETE"]
    # One token for the whole job: its first API task asks for it (PM.User, after the split scopes this application
    # lacks), the others share it.
    assert [r["status"] for r in emu.log if r["path"].endswith("/connect/token")] == [400, 200]
    artifacts = job.artifact_data()
    print("job artifacts: %s" % json.dumps(artifacts, sort_keys=True))
    assert artifacts == dict(uipath_removed=["ann@example.com", BOB_ID.upper()], uipath_would_remove=[],
                             uipath_not_found=["nobody@example.com"])
    job.assert_no_secret(CLIENT_SECRET)


def test_dry_run_job_with_an_access_token_removes_no_one(ansible, emu, tmp_path):
    credential = dict(url=emu.url, organization=ORG, access_token=FULL_TOKEN, partition_global_id=PARTITION)
    # The survey's defaults: a dry run.
    job = Job(ansible, tmp_path, credential, dict(users_to_remove="bob", max_users=50, dry_run="yes"))
    assert job.envvars["UIPATH_CLIENT_ID"] == "" and job.envvars["UIPATH_CLIENT_SECRET"] == ""
    job.run()
    assert (job.status, job.rc) == ("successful", "0"), job.output
    assert mutating(emu) == [] and emu.user(ORG, BOB_ID) is not None
    assert job.artifact_data() == dict(uipath_removed=[], uipath_would_remove=["bob"], uipath_not_found=[])
    job.assert_no_secret(FULL_TOKEN)


def test_job_listing_more_users_than_max_users_fails_and_removes_no_one(ansible, emu, tmp_path):
    job = Job(ansible, tmp_path, app_credential(emu), dict(users_to_remove="ann\nbob\nbobby", dry_run="no", max_users=2))
    job.run()
    assert job.status == "failed" and job.rc != "0", job.output
    assert "3 users would be removed, more than max_users (2)" in job.read("stdout")
    assert mutating(emu) == []


@pytest.mark.parametrize("answer", ["", "\n  \n# nobody\n", []])
def test_job_without_users_fails(ansible, emu, tmp_path, answer):
    job = Job(ansible, tmp_path, app_credential(emu), dict(users_to_remove=answer, dry_run="no", max_users=50))
    job.run()
    assert job.status == "failed", job.output
    assert "No users were given" in job.read("stdout")
    assert emu.log == []


def test_max_users_counts_the_users_found_not_the_lines(ansible, emu, tmp_path):
    # Five lines, one user: ann three ways, and two lines that name no one.
    lines = "ann\nANN@example.com\n%s\nnobody\nnobody@example.com" % ANN_ID
    job = Job(ansible, tmp_path, app_credential(emu), dict(users_to_remove=lines, dry_run="no", max_users=1)).run()
    assert (job.status, job.rc) == ("successful", "0"), job.output
    assert emu.user(ORG, ANN_ID) is None and [r["body"]["userIds"] for r in mutating(emu)] == [[ANN_ID]]
    artifacts = job.artifact_data()
    assert len(artifacts["uipath_removed"]) == 1 and artifacts["uipath_not_found"] == ["nobody", "nobody@example.com"]


@pytest.mark.parametrize("line, twin", [
    ("ann@example.com", dict(userName="ann.lee", email="ANN@example.com")),
    ("ann", dict(userName="ANN", email="ann.lee@example.com")),
], ids=["email", "username"])
def test_a_line_that_names_two_users_fails_the_job_before_anyone_is_removed(ansible, emu, tmp_path, line, twin):
    emu.add_user(ORG, id=TWIN_ID, name="Ann", surname="Lee", **twin)
    job = Job(ansible, tmp_path, app_credential(emu), dict(users_to_remove="bob\n" + line, dry_run="no", max_users=50)).run()
    assert job.status == "failed", job.output
    stdout = job.read("stdout")
    kind = "email" if "@" in line else "username"
    assert "%s '%s' matches 2 users exactly" % (kind, line) in stdout and ANN_ID in stdout and TWIN_ID in stdout, stdout
    assert "(ann / ann@example.com)" in stdout and "No one was removed" in stdout
    assert mutating(emu) == [] and emu.user(ORG, BOB_ID) and emu.user(ORG, ANN_ID) and emu.user(ORG, TWIN_ID)


@pytest.mark.parametrize("dry_run", ["yess", "", "nein", 2])
def test_a_dry_run_answer_that_is_not_yes_or_no_fails_before_any_request(ansible, emu, tmp_path, dry_run):
    job = Job(ansible, tmp_path, app_credential(emu), dict(users_to_remove="bob", dry_run=dry_run, max_users=50)).run()
    assert job.status == "failed", job.output
    assert "dry_run must be true or false" in job.read("stdout")
    assert emu.log == []


@pytest.mark.parametrize("dry_run, removes", [(False, True), ("OFF", True), ("On", False), (True, False)])
def test_dry_run_takes_the_booleans_of_yaml_and_the_command_line(ansible, emu, tmp_path, dry_run, removes):
    job = Job(ansible, tmp_path, app_credential(emu), dict(users_to_remove="bob", dry_run=dry_run, max_users=50)).run()
    assert (job.status, job.rc) == ("successful", "0"), job.output
    assert (emu.user(ORG, BOB_ID) is None) == removes
    assert job.artifact_data()["uipath_removed" if removes else "uipath_would_remove"] == ["bob"]


def test_a_check_job_removes_no_one_whatever_dry_run_says(ansible, emu, tmp_path):
    # AWX runs a job template of job type "Check" with --check.
    job = Job(ansible, tmp_path, app_credential(emu), dict(users_to_remove="bob", dry_run="no", max_users=50))
    (job.data / "env" / "cmdline").write_text("--check")
    job.run()
    assert (job.status, job.rc) == ("successful", "0"), job.output
    assert mutating(emu) == [] and emu.user(ORG, BOB_ID) is not None
    assert job.artifact_data() == dict(uipath_removed=[], uipath_would_remove=["bob"], uipath_not_found=[])


@pytest.mark.parametrize("answer, removed", [
    (["bob", "ann@example.com"], True),
    ({"bob": True}, False),
    (42, False),
], ids=["a-list-of-lines", "a-mapping", "a-number"])
def test_users_to_remove_is_text_or_a_list_of_lines(ansible, emu, tmp_path, answer, removed):
    job = Job(ansible, tmp_path, app_credential(emu), dict(users_to_remove=answer, dry_run="no", max_users=50)).run()
    if removed:
        assert (job.status, job.rc) == ("successful", "0"), job.output
        assert job.artifact_data()["uipath_removed"] == ["bob", "ann@example.com"]
    else:
        assert job.status == "failed" and "users_to_remove must be text" in job.read("stdout"), job.output
        assert emu.log == []
