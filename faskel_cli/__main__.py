from faskel_cli.cli import main

main()
