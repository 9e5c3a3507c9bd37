//! `lakegen small DIR` writes the labelled test lake and truth file;
//! `lakegen bench DIR BYTES` writes a bench lake of about BYTES.

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[1..] {
        ["small", dir] => lakegen::small_lake(std::path::Path::new(dir)),
        ["bench", dir, bytes] => {
            lakegen::bench_lake(std::path::Path::new(dir), bytes.parse().map_err(std::io::Error::other)?)
        }
        _ => {
            eprintln!("usage: lakegen small DIR | lakegen bench DIR BYTES");
            std::process::exit(2)
        }
    }
}
