from intimacy_cli.entry import main

main()
