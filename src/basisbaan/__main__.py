from basisbaan.cli import main

main()
