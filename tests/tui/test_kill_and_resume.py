"""Kill the app with SIGKILL in the middle of a flow, reopen it, and carry on with nothing lost."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from guidance.tui.screens.flow import FlowScreen

from tui_helpers import wait_for, wait_ready

HERE = Path(__file__).resolve().parent


async def test_kill_9_mid_flow_then_resume(make_app):
    env = dict(os.environ, PYTHONPATH=str(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.Popen(
        [sys.executable, str(HERE / "kill_driver.py"), "pa_off_sick"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        line = child.stdout.readline().split()
        assert len(line) == 2, child.stderr.read()
        session_id, where = line
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    app = make_app(build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.resume_session(session_id)
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        view = app.screen.view
        assert view.step().node_id == where
        assert len(view.earlier_answers()) == 2
