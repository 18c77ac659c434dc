from intimacy_cli.cli import main

main()
