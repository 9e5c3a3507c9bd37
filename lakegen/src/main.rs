//! `lakegen small DIR` writes the labelled test lake and truth file;
//! `lakegen bench DIR BYTES [WRITER]` writes a bench lake of about BYTES
//! as WRITER writes Parquet (`arrow-rs`, the default; `pyarrow-1-group`;
//! `pyarrow-1M-groups`).

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[1..] {
        ["small", dir] => lakegen::small_lake(std::path::Path::new(dir)),
        ["bench", dir, bytes, ref writer @ ..] => {
            let writer = match writer {
                [] => lakegen::Writer::ArrowRs,
                [name] => lakegen::Writer::ALL
                    .into_iter()
                    .find(|w| w.name() == *name)
                    .ok_or_else(|| std::io::Error::other(format!("unknown writer {name}")))?,
                _ => return Err(std::io::Error::other("too many arguments")),
            };
            lakegen::bench_lake(std::path::Path::new(dir), bytes.parse().map_err(std::io::Error::other)?, writer)
        }
        _ => {
            eprintln!("usage: lakegen small DIR | lakegen bench DIR BYTES [WRITER]");
            std::process::exit(2)
        }
    }
}
