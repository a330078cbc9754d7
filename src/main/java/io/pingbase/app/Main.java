package io.pingbase.app;

public final class Main {
  public static void main(String[] args) {
    System.out.println("hello " + Runtime.version());
  }
}
