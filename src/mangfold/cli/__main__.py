from mangfold.cli import main

main()
