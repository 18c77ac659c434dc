from intimacy_cli.entry import run

run()
