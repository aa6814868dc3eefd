"""Run the app headless in a child process, answer two flow steps, then wait to be killed."""

import asyncio
import sys

from tui_helpers import answer_current, wait_for, wait_ready

from guidance.tui.screens.flow import FlowScreen


async def main(flow_id: str) -> None:
    from tui_helpers import REPO, TODAY

    from guidance.tui.app import GuidanceApp

    app = GuidanceApp(REPO, TODAY, build_index=False)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_ready(app, pilot, search=False)
        app.start_flow(flow_id)
        await wait_for(pilot, lambda: isinstance(app.screen, FlowScreen) and app.screen.view is not None)
        for _ in range(2):
            await answer_current(app.screen, pilot)
        view = app.screen.view
        print(view.session_id, view.step().node_id, flush=True)
        await asyncio.sleep(600)  # killed long before this


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
