"""Print action.yml's steps as a workflow, so that actionlint (which reads workflows only)
checks the composite action's expressions, contexts and step references too."""

from __future__ import annotations

from pathlib import Path
import sys

import yaml


def as_workflow(action: dict) -> dict:  # type: ignore[type-arg]
    """A reusable workflow whose inputs are the action's and whose job runs its steps."""
    inputs = {
        name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
        for name, spec in action.get("inputs", {}).items()
    }
    return {
        "name": f"{action['name']} (action.yml as a workflow)",
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "action.yml")
    action = yaml.safe_load(path.read_text(encoding="utf-8"))
    sys.stdout.write(yaml.safe_dump(as_workflow(action), sort_keys=False, width=200))
