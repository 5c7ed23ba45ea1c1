fn main() {
    healthhub::start();
}
