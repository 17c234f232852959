using System.CommandLine;

var root = new RootCommand("SuperRes: single-image super-resolution.");
return root.Parse(args).Invoke();
