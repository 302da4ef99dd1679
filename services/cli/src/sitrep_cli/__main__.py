from sitrep_cli.main import main

raise SystemExit(main())
